namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>Where one non-empty inverted list lives: <paramref name="Size"/> codes, then (elsewhere) as many int64 ids.</summary>
/// <param name="ListNo">The list number.</param>
/// <param name="Size">Rows in the list.</param>
/// <param name="CodesOffset">Offset of the first code.</param>
/// <param name="IdsOffset">Offset of the first id.</param>
internal readonly record struct InvertedList(long ListNo, long Size, long CodesOffset, long IdsOffset);
