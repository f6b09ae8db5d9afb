namespace MilvusDm.Generators.Model;

/// <summary>Keys of which at most (or, with <see cref="OneRequired"/>, exactly) one may be set.</summary>
internal sealed record ExclusiveSpec(EquatableArray<string> Keys, bool OneRequired);
