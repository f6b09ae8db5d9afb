using MilvusDm.Abstractions;
using MilvusDm.Plugins.Hdf5.Format;

namespace MilvusDm.Plugins.Hdf5;

/// <summary>
/// Finds the scalar fields this plugin's sink writes (the group <c>scalars</c> beside the vectors: 1-D datasets
/// carrying a <c>milvus_type</c> attribute, with <c>&lt;name&gt;.valid</c> for nullable ones) and checks each against the
/// vectors' row count and its declared type. Datasets without the attribute are not fields and are left alone.
/// </summary>
internal static class ScalarPlanner
{
    public static IReadOnlyList<ScalarPlan> Plan(Hdf5File file, string vectorsPath, long rows)
    {
        int slash = vectorsPath.LastIndexOf('/');
        string groupPath = (slash < 0 ? "" : vectorsPath[..(slash + 1)]) + ScalarDatasets.Group;
        if (ObjectLocator.Find(file, groupPath) is not { } group || !Hdf5Group.IsGroup(group))
        {
            return [];
        }

        var names = Hdf5Group.Members(file, group).Where(m => m.Kind == LinkKind.Hard).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var plans = new List<ScalarPlan>();
        foreach (string name in names.Where(n => !n.EndsWith(ScalarDatasets.ValidSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string path = groupPath + "/" + name;
            if (ObjectLocator.Find(file, path) is not { } header || !Hdf5Dataset.IsDataset(header))
            {
                continue;
            }

            Hdf5Dataset dataset = Hdf5Dataset.Open(file, path, header);
            IReadOnlyList<AttributeMessage> attributes = dataset.Attributes();
            if (attributes.FirstOrDefault(a => a.Name == "milvus_type")?.AsText(file) is not { } declared)
            {
                continue;
            }

            if (!Enum.TryParse(declared, ignoreCase: false, out ScalarType type) || !Enum.IsDefined(type))
            {
                throw new SourceDataException($"{file.Path}: dataset '{path}' declares milvus_type '{declared}', which is not a scalar type");
            }

            Check(file, dataset, rows, type);
            int? maxLength = attributes.FirstOrDefault(a => a.Name == "max_length")?.AsText(file) is { } text && int.TryParse(text, out int parsed) ? parsed : null;
            string? validPath = null;
            if (names.Contains(name + ScalarDatasets.ValidSuffix))
            {
                validPath = path + ScalarDatasets.ValidSuffix;
                Check(file, VectorPlanner.OpenDataset(file, validPath), rows, ScalarType.Bool);
            }

            plans.Add(new ScalarPlan(new ScalarField(name, type, maxLength, validPath is not null), path, validPath));
        }

        return plans;
    }

    private static void Check(Hdf5File file, Hdf5Dataset d, long rows, ScalarType type)
    {
        if (d.Rank != 1 || d.Rows != rows)
        {
            throw new SourceDataException($"{file.Path}: scalar dataset '{d.Path}' has shape ({string.Join(", ", d.Space.Dims)}); one value for each of the {rows} vectors was expected");
        }

        Datatype t = d.Type;
        bool fits = type switch
        {
            ScalarType.Bool => t.IsBoolean || (t.IsInteger && t.Size == 1),
            ScalarType.Int8 => t is { IsInteger: true, Signed: true, Size: 1 },
            ScalarType.Int16 => t is { IsInteger: true, Signed: true, Size: 2, BigEndian: false },
            ScalarType.Int32 => t is { IsInteger: true, Signed: true, Size: 4, BigEndian: false },
            ScalarType.Int64 => t is { IsInteger: true, Signed: true, Size: 8, BigEndian: false },
            ScalarType.Float => t is { IsFloat: true, Size: 4, BigEndian: false },
            ScalarType.Double => t is { IsFloat: true, Size: 8, BigEndian: false },
            _ => t is { Class: DatatypeClass.VariableLength, VlenString: true },
        };
        if (!fits)
        {
            throw new SourceDataException($"{file.Path}: scalar dataset '{d.Path}' holds {t.Describe()}, which cannot be a {type} field (little-endian {Expected(type)} was expected)");
        }
    }

    private static string Expected(ScalarType type) => type switch
    {
        ScalarType.Bool => "bool",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float => "float32",
        ScalarType.Double => "float64",
        _ => "variable-length string",
    };
}
