namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>A named member of a group: a hard link to an object header, or a soft link to a path.</summary>
internal sealed record GroupMember(string Name, LinkKind Kind, ulong Address, string? Target);
