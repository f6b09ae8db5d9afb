using System.Globalization;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.MilvusLegacy.Format;
using MilvusDm.Plugins.MilvusLegacy.Meta;

namespace MilvusDm.Plugins.MilvusLegacy;

/// <summary>Turns a selected partition into a dataset: schema from the collection's meta row, segments checked.</summary>
internal sealed class DatasetPlanner(string storagePath, IMetaStore meta, SegmentLocator locator, Action<string> warn)
{
    private const int MaxDimension = 32768;

    public async Task<DatasetPlan> PlanAsync(LegacyPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        TableRow collection = partition.Collection;
        string where = $"{meta.Location}: collection '{collection.TableId}'";
        string metric = MetricTypes.Name(collection.MetricType)
            ?? throw new SourceDataException($"{where}: metric_type {collection.MetricType} is not a Milvus 1.x metric (1 L2, 2 IP, 3 HAMMING, 4 JACCARD, 5 TANIMOTO, 6 SUBSTRUCTURE, 7 SUPERSTRUCTURE)");
        VectorType type = MetricTypes.VectorType(collection.MetricType);
        if (collection.Dimension is <= 0 or > MaxDimension || (type == VectorType.Binary && collection.Dimension % 8 != 0))
        {
            throw new SourceDataException($"{where}: dimension {collection.Dimension} is not valid for {type.ToContractName()} vectors");
        }

        int rowBytes = type.BytesPerRow(collection.Dimension);
        IReadOnlyList<TableFileRow> files = await meta.ReadRawFilesAsync(partition.Table.TableId, cancellationToken).ConfigureAwait(false);
        var segments = new List<Segment>(files.Count);
        foreach (TableFileRow file in files.OrderBy(f => f.SegmentId, SegmentOrder.Instance).ThenBy(f => f.FileId, SegmentOrder.Instance))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string folder = locator.Locate(file.TableId, file.SegmentId, file.FileId);
            segments.Add(SegmentOpener.Open(folder, file.FileId, file.RowCount, rowBytes, warn));
        }

        var info = new DatasetInfo(partition.DatasetName, DatasetSchema.Of(type, collection.Dimension, KeyType.Int64, metric), segments.Sum(s => s.LiveRows))
        {
            Collection = partition.CollectionName,
            Partition = partition.PartitionName,
            SuggestedCollection = partition.CollectionName,
            Location = Path.Combine(storagePath, "db", "tables", partition.Table.TableId),
            Properties = Properties(collection, partition.Table, segments.Count),
        };
        return new DatasetPlan(info, segments, rowBytes);
    }

    /// <summary>What a plan shows and what a sink may use to rebuild the collection as it was in 1.x.</summary>
    private static Dictionary<string, string> Properties(TableRow collection, TableRow table, int segments)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["table_id"] = table.TableId,
            ["segments"] = segments.ToString(CultureInfo.InvariantCulture),
            ["index_file_size_mb"] = (collection.IndexFileSize / (1024 * 1024)).ToString(CultureInfo.InvariantCulture),
            ["engine_type"] = EngineTypes.Name(collection.EngineType),
            ["index_params"] = collection.IndexParams.Length == 0 ? "{}" : collection.IndexParams,
            ["milvus_version"] = table.Version,
        };
        if (EngineTypes.Milvus2Index(collection.EngineType) is { } index)
        {
            properties["index_type"] = index;
        }

        return properties;
    }
}
