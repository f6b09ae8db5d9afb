using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Sink;

/// <summary>An existing destination must agree with the source; otherwise exit 4 before any row is written.</summary>
internal sealed class ExistingCollectionCheck(MilvusClient client, CollectionSteps steps, string display)
{
    public async Task<ExistingShape> CheckAsync(string collection, SinkTarget target, CancellationToken ct)
    {
        var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest { CollectionName = collection }, ct).ConfigureAwait(false);
        var fields = described.Schema.Fields;
        var vectors = fields.Where(f => MilvusTypes.IsVector(f.DataType)).ToList();
        string where = $"{display}/{collection}";
        if (vectors.Count != 1)
        {
            throw new DestinationException($"{where} has {vectors.Count} vector fields; milvusdm writes collections with exactly one");
        }

        var vector = vectors[0];
        var source = target.Schema.Vector;
        int dim = CollectionSchemaFactory.Dim(vector);
        if (MilvusTypes.VectorOf(vector.DataType) != source.Type || dim != source.Dim)
        {
            throw new DestinationException(
                $"{where}: field {vector.Name} is {vector.DataType} dim {dim}, but the source {target.Source.Name} has {source.Type.ToContractName()} vectors of dim {source.Dim}");
        }

        var pk = fields.Single(f => f.IsPrimaryKey);
        bool autoId = pk.AutoID;
        if (target.Schema.HasIds && autoId)
        {
            throw new DestinationException($"{where}: primary key {pk.Name} is autoID, so the source's ids cannot be kept; write to a new collection or use ids: auto");
        }

        if (!target.Schema.HasIds && !autoId)
        {
            throw new DestinationException($"{where}: primary key {pk.Name} needs explicit keys but the source rows have none");
        }

        if (target.Schema.HasIds && (target.Schema.KeyType == KeyType.VarChar) != (pk.DataType == DataType.VarChar))
        {
            throw new DestinationException($"{where}: primary key {pk.Name} is {pk.DataType}, the source's keys are {target.Schema.KeyType}");
        }

        foreach (var scalar in target.Schema.Scalars)
        {
            var field = fields.FirstOrDefault(f => f.Name == scalar.Name);
            bool dynamic = MilvusNames.IsDynamicField(scalar.Name);
            if (field is null && !described.Schema.EnableDynamicField)
            {
                throw new DestinationException(dynamic
                    ? $"{where} has no dynamic field for the source's dynamic ($meta) values"
                    : $"{where} has no field {scalar.Name} (and no dynamic field) for the source's scalar field");
            }

            if (field is not null && MilvusTypes.ScalarOf(field.DataType) != scalar.Type)
            {
                throw new DestinationException($"{where}: field {scalar.Name} is {field.DataType}, the source's is {scalar.Type}");
            }
        }

        bool hasIndex = await steps.HasIndexAsync(collection, vector.Name, ct).ConfigureAwait(false);
        bool loaded = await steps.IsLoadedAsync(collection, ct).ConfigureAwait(false);
        return new ExistingShape(pk.Name, vector.Name, autoId, hasIndex, loaded);
    }
}
