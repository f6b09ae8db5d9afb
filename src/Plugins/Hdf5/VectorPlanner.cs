using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>
/// Chooses the vectors dataset of a file (configured path, else <c>embeddings</c>, else an ann-benchmarks
/// <c>train</c>), checks its type and the ids dataset, and finds the metric.
/// </summary>
internal static class VectorPlanner
{
    /// <summary>Far above Milvus's largest dimension; a larger value is a corrupt header, not a vector.</summary>
    private const long MaxColumns = 1 << 20;

    public static VectorPlan Plan(Hdf5File file, string? vectorsDataset, string? idsDataset)
    {
        ObjectHeader root = ObjectLocator.Root(file);
        IReadOnlyList<AttributeMessage> rootAttributes = ObjectAttributes.Read(file, root);
        string? distance = rootAttributes.FirstOrDefault(a => a.Name == "distance")?.AsText(file);

        string vectorsPath;
        bool annBenchmarks = false;
        if (!string.IsNullOrEmpty(vectorsDataset))
        {
            vectorsPath = vectorsDataset.Trim('/');
            if (ObjectLocator.Find(file, vectorsPath) is null)
            {
                throw new SourceDataException($"{file.Path}: no dataset '{vectorsPath}'; {Candidates(file)}");
            }
        }
        else if (ObjectLocator.Find(file, "embeddings") is not null)
        {
            vectorsPath = "embeddings";
        }
        else if (distance is not null && ObjectLocator.Find(file, "train") is not null)
        {
            vectorsPath = "train";
            annBenchmarks = true;
        }
        else
        {
            throw new SourceDataException($"{file.Path}: no 'embeddings' dataset (nor an ann-benchmarks 'train' with a 'distance' attribute); {Candidates(file)}; set vectors_dataset");
        }

        Hdf5Dataset vectors = OpenDataset(file, vectorsPath);
        if (annBenchmarks && vectors.Rank == 1 && ObjectLocator.Find(file, "size_train") is not null)
        {
            throw new SourceDataException($"{file.Path}: a sparse ann-benchmarks file (1-D 'train' with 'size_train') cannot be read as vectors");
        }

        string? declared = vectors.Attributes().FirstOrDefault(a => a.Name == "vector_type")?.AsText(file);
        (VectorEncoding encoding, VectorType type, int dim) = Classify(file, vectors, declared);

        // Opening the rows checks the stored size (or the chunk index) against the file now, not mid-job.
        vectors.OpenRows();
        string? metric = annBenchmarks ? AnnMetric(distance) : null;
        if (!annBenchmarks)
        {
            string? stored = vectors.Attributes().FirstOrDefault(a => a.Name == "metric")?.AsText(file);
            metric = string.IsNullOrWhiteSpace(stored) ? AnnMetric(distance) : stored.Trim().ToUpperInvariant();
        }

        string? idsPath = IdsPath(file, vectorsPath, idsDataset, annBenchmarks);
        if (idsPath is not null)
        {
            Hdf5Dataset ids = OpenDataset(file, idsPath);
            CheckIds(file, ids, vectors.Rows);
        }

        IReadOnlyList<ScalarPlan> scalars = annBenchmarks ? [] : ScalarPlanner.Plan(file, vectorsPath, vectors.Rows);
        return new VectorPlan(vectorsPath, encoding, vectors.Type.BigEndian, type, dim, vectors.Rows, idsPath, metric, Describe(vectors), scalars);
    }

    public static Hdf5Dataset OpenDataset(Hdf5File file, string path)
    {
        ObjectHeader header = ObjectLocator.Find(file, path) ?? throw new SourceDataException($"{file.Path}: no object '{path}'");
        return Hdf5Dataset.IsDataset(header)
            ? Hdf5Dataset.Open(file, path, header)
            : throw new SourceDataException($"{file.Path}: '{path}' is a group, not a dataset");
    }

    public static void CheckIds(Hdf5File file, Hdf5Dataset ids, long rows)
    {
        if (!ids.Type.IsInteger || ids.Type.Size > 8)
        {
            throw new SourceDataException($"{file.Path}: ids dataset '{ids.Path}' holds {ids.Type.Describe()}; integers (int64) were expected");
        }

        if (ids.Rank is not (1 or 2) || ids.Columns != 1)
        {
            throw new SourceDataException($"{file.Path}: ids dataset '{ids.Path}' has shape ({string.Join(", ", ids.Space.Dims)}); one id per row was expected");
        }

        if (ids.Rows != rows)
        {
            throw new SourceDataException($"{file.Path}: ids dataset '{ids.Path}' has {ids.Rows} ids for {rows} vectors");
        }
    }

    private static (VectorEncoding, VectorType, int) Classify(Hdf5File file, Hdf5Dataset vectors, string? declared)
    {
        Datatype t = vectors.Type;
        string shape = $"({string.Join(", ", vectors.Space.Dims)})";
        if (vectors.Rank == 2 && vectors.Columns > MaxColumns)
        {
            throw new SourceDataException($"{file.Path}: dataset '{vectors.Path}' has {vectors.Columns} columns; no vector has more than {MaxColumns} components");
        }

        if (vectors.Rank == 2)
        {
            int columns = checked((int)vectors.Columns);
            switch (t.Class)
            {
                case DatatypeClass.FloatingPoint when t.Size == 4:
                    return (VectorEncoding.Float32, VectorType.Float32, columns);
                case DatatypeClass.FloatingPoint when t.Size == 8:
                    return (VectorEncoding.Float64, VectorType.Float32, columns);
                case DatatypeClass.FloatingPoint when t.Size == 2:
                    return (VectorEncoding.Float16, VectorType.Float16, columns);
                // float16/bfloat16 vectors as this plugin's sink writes them: uint16 with a vector_type attribute.
                case DatatypeClass.FixedPoint when t.Size == 2 && !t.Signed && declared == "float16":
                    return (VectorEncoding.Float16, VectorType.Float16, columns);
                case DatatypeClass.FixedPoint when t.Size == 2 && !t.Signed && declared == "bfloat16":
                    return (VectorEncoding.Float16, VectorType.BFloat16, columns);
                case DatatypeClass.FixedPoint when t.Size == 1 && !t.Signed:
                    return (VectorEncoding.Bytes, VectorType.Binary, checked(columns * 8));

                // ann-benchmarks hamming files keep one numpy bool per bit (h5py: an enum FALSE/TRUE of int8).
                case DatatypeClass.Enumerated when t.IsBoolean && columns % 8 == 0:
                    return (VectorEncoding.Bits, VectorType.Binary, columns);
                case DatatypeClass.Enumerated when t.IsBoolean:
                    throw new SourceDataException($"{file.Path}: dataset '{vectors.Path}' holds {columns} bits per row (one boolean per bit); binary vectors need a multiple of 8 bits");
            }
        }
        else if (vectors.Rank == 1 && t.Class is DatatypeClass.String or DatatypeClass.Opaque)
        {
            // Fixed-length byte strings hold one packed binary vector each (the original's byte_example.h5).
            return (VectorEncoding.Bytes, VectorType.Binary, checked(t.Size * 8));
        }

        throw new SourceDataException($"{file.Path}: dataset '{vectors.Path}' is {t.Describe()} {shape}; vectors must be 2-D float32/float64 (float vectors), uint8 or bool (binary vectors), or 1-D fixed-length byte strings");
    }

    private static string? IdsPath(Hdf5File file, string vectorsPath, string? configured, bool annBenchmarks)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            string path = configured.Trim('/');
            return ObjectLocator.Find(file, path) is not null ? path : throw new SourceDataException($"{file.Path}: no ids dataset '{path}'");
        }

        if (annBenchmarks)
        {
            return null;
        }

        int slash = vectorsPath.LastIndexOf('/');
        string sibling = slash < 0 ? "ids" : vectorsPath[..(slash + 1)] + "ids";
        return ObjectLocator.Find(file, sibling) is { } header && Hdf5Dataset.IsDataset(header) ? sibling : null;
    }

    private static string? AnnMetric(string? distance) => distance?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "euclidean" or "l2" => "L2",
        "angular" or "cosine" => "COSINE",
        "jaccard" => "JACCARD",
        "hamming" => "HAMMING",
        "ip" or "dot" or "inner_product" => "IP",
        _ => distance.Trim().ToUpperInvariant(),
    };

    private static string Candidates(Hdf5File file)
    {
        string[] twoD = [.. ObjectLocator.Datasets(file)
            .Select(d => (d.Path, Space: d.Header.Find(HeaderMessage.Dataspace) is { } m ? Dataspace.Parse(m.Cursor(file, "dataspace message")) : null))
            .Where(d => d.Space is { Rank: 2 })
            .Select(d => $"{d.Path} ({string.Join(", ", d.Space!.Dims.Select(x => x.ToString(CultureInfo.InvariantCulture)))})")];
        return twoD.Length == 0 ? "the file has no 2-D datasets" : "2-D datasets found: " + string.Join(", ", twoD);
    }

    private static string Describe(Hdf5Dataset d) => $"{d.Type.Describe()} ({string.Join(", ", d.Space.Dims)})";
}
