namespace MilvusDm.Reliability.Tests.Hostile;

/// <summary>
/// One damaged input: <paramref name="Content"/> is written to a file named like the original and given to
/// <c>inspect</c> and to a <c>run</c> reading it with <paramref name="Plugin"/>.
/// </summary>
/// <param name="Plugin">The source plugin of the run job (faiss or hdf5).</param>
/// <param name="Name">Fixture, mutation and where, e.g. <c>flat_l2.index truncated to 17</c>.</param>
/// <param name="Kind">truncated, bit-flipped, size-inflated or wrong-type.</param>
/// <param name="Content">The bytes of the damaged file.</param>
/// <param name="MustFail">
/// Whether the data is surely unreadable (exit 3 required). A flipped bit or an inflated number may land in vector
/// payload or an unused field and leave a valid file: then exit 0 is right too, and any other ending is a bug.
/// </param>
/// <param name="InspectMayRead">The content is another valid format, which <c>inspect</c> (detecting by content) reads.</param>
public sealed record HostileCase(string Plugin, string Name, string Kind, byte[] Content, bool MustFail, bool InspectMayRead = false)
{
    public string Extension => Plugin == "faiss" ? ".index" : ".h5";

    public override string ToString() => Name;
}
