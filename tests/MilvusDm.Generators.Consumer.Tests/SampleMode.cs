namespace MilvusDm.Generators.Consumer.Tests;

public enum SampleMode
{
    Skip,
    Append,
    Overwrite,
    KeepLast,
}
