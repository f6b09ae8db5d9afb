namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>One object header message: its type, flags and body (with the body's offset in the file for errors).</summary>
internal sealed record HeaderMessage(int Type, int Flags, byte[] Body, long FileOffset)
{
    public const int Nil = 0x0000;
    public const int Dataspace = 0x0001;
    public const int LinkInfo = 0x0002;
    public const int Datatype = 0x0003;
    public const int FillValueOld = 0x0004;
    public const int FillValue = 0x0005;
    public const int Link = 0x0006;
    public const int ExternalFiles = 0x0007;
    public const int Layout = 0x0008;
    public const int GroupInfo = 0x000A;
    public const int FilterPipeline = 0x000B;
    public const int Attribute = 0x000C;
    public const int Continuation = 0x0010;
    public const int SymbolTable = 0x0011;
    public const int AttributeInfo = 0x0015;

    public ByteCursor Cursor(Hdf5File file, string what) => new(file, Body, FileOffset, what);
}
