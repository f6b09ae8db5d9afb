namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>What a group member's link points at.</summary>
internal enum LinkKind
{
    Hard = 0,
    Soft = 1,
    External = 64,
}
