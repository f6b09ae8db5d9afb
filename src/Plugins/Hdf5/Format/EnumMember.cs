namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>One member of an HDF5 enumeration datatype.</summary>
internal sealed record EnumMember(string Name, long Value);
