namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>A run of rows whose codes are contiguous in one file, and whose ids (if any) are contiguous too.</summary>
/// <param name="File">Index into <see cref="RowPlan.Files"/>.</param>
/// <param name="CodesOffset">Offset of the first row's code (the raw vector for exact indexes).</param>
/// <param name="IdsOffset">Offset of the first row's int64 id, or -1 when the rows carry none.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="ListNo">The inverted list the rows belong to (for residual decoding), or -1.</param>
internal readonly record struct RowSegment(int File, long CodesOffset, long IdsOffset, long Rows, long ListNo = -1);
