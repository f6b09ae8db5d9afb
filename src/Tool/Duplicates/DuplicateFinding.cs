namespace MilvusDm.Tool.Duplicates;

/// <summary>Duplicate ids found among a destination's source rows: the first one (by id) and the totals.</summary>
/// <param name="Id">An id held by more than one row.</param>
/// <param name="First">Position (<see cref="RowPosition"/>) of its first row.</param>
/// <param name="Second">Position of its second row.</param>
/// <param name="DuplicatedIds">How many distinct ids appear more than once.</param>
/// <param name="ExtraRows">Rows beyond the first of each such id.</param>
internal sealed record DuplicateFinding(long Id, long First, long Second, long DuplicatedIds, long ExtraRows);
