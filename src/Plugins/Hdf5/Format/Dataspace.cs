namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Dataspace message (0x0001), versions 1 and 2: the current dimensions (an empty list for a scalar).</summary>
internal sealed record Dataspace(ulong[] Dims, ulong[] MaxDims, bool Null)
{
    public int Rank => Dims.Length;

    public static Dataspace Parse(ByteCursor c)
    {
        int version = c.U8();
        int rank = c.U8();
        int flags = c.U8();
        bool isNull = false;
        switch (version)
        {
            case 1:
                c.Skip(5);
                break;
            case 2:
                isNull = c.U8() == 2;
                break;
            default:
                throw c.Corrupt($"dataspace message version {version} is not supported (1 and 2 are)");
        }

        if (rank > 32)
        {
            throw c.Corrupt($"dataspace rank {rank} exceeds HDF5's maximum of 32");
        }

        var dims = new ulong[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = c.LengthField();
            if (dims[i] > long.MaxValue)
            {
                throw c.Corrupt($"dimension {i} has the impossible size {dims[i]}");
            }
        }
        // Maximum dimensions (flags bit 0; UNDEF = unlimited) decide how layout-v4 chunk indexes number chunks.
        ulong[] max = dims;
        if ((flags & 1) != 0)
        {
            max = new ulong[rank];
            for (int i = 0; i < rank; i++)
            {
                max[i] = c.LengthField();
            }
        }

        return new Dataspace(dims, max, isNull);
    }
}
