namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>An id map applied on top of ids that are already stored (e.g. IxMp around an IVF index): id = map[inner id].</summary>
/// <param name="Offset">Offset of <c>id_map[0]</c> in the index file.</param>
/// <param name="Count">Entries.</param>
/// <param name="Type">The wrapper's type code, for messages.</param>
internal readonly record struct IdMapTable(long Offset, long Count, string Type);
