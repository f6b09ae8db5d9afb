namespace MilvusDm.Abstractions;

/// <summary>What a sink does with a destination that already exists.</summary>
public enum WriteMode
{
    /// <summary>Leave an existing destination untouched and report it.</summary>
    Skip,

    /// <summary>Add rows to an existing destination.</summary>
    Append,

    /// <summary>Drop the destination, recreate it and write.</summary>
    Overwrite,

    /// <summary>Write into a staging destination, verify, then switch readers to it (Milvus 2.x only).</summary>
    Replace,
}
