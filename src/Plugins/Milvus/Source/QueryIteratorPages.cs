using System.Globalization;
using System.Runtime.CompilerServices;
using MilvusDm.Abstractions;
using MilvusDm.Plugins.Milvus.Client;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Source;

/// <summary>
/// The migration read loop of protocol reference 6.3: a snapshot timestamp from AllocTimestamp, then Query pages with
/// iterator=True, reduce_stop_for_best=False (a page never exceeds the limit), collection_id, and the cursor
/// "pk &gt; last" where last is the page's largest key; pages must come back in ascending key order.
/// </summary>
internal sealed class QueryIteratorPages(MilvusClient client, CollectionShape shape, string? partition, DatasetSchema schema, int pageRows)
{
    public async IAsyncEnumerable<QueryPage> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        ulong snapshot = (await client.AllocTimestampAsync(ct).ConfigureAwait(false)).Timestamp;
        string pk = shape.PrimaryKey.Name;
        bool stringKeys = shape.PrimaryKey.DataType == DataType.VarChar;
        string? cursor = null;
        while (true)
        {
            var request = new QueryRequest
            {
                CollectionName = shape.Collection,
                Expr = cursor is null ? (stringKeys ? $"{pk} >= \"\"" : $"{pk} <= {long.MaxValue}") : $"{pk} > {cursor}",
                GuaranteeTimestamp = snapshot,
                ConsistencyLevel = ConsistencyLevel.Customized,
                UseDefaultConsistency = false,
                OutputFields = { pk, shape.Vector.Name },
                QueryParams =
                {
                    Param("iterator", "True"),
                    Param("reduce_stop_for_best", "False"),
                    Param("limit", pageRows.ToString(CultureInfo.InvariantCulture)),
                    Param("collection_id", shape.CollectionId.ToString(CultureInfo.InvariantCulture)),
                    Param("ignore_growing", "False"),
                },
            };
            request.OutputFields.AddRange(shape.Scalars.Select(s => s.Name));
            if (partition is not null)
            {
                request.PartitionNames.Add(partition);
            }

            var result = await client.QueryAsync(request, ct).ConfigureAwait(false);
            var page = QueryPage.From(result, shape, schema, cursor is null ? null : cursor, $"{shape.Collection}{(partition is null ? "" : "/" + partition)}");
            if (page.Count == 0)
            {
                yield break;
            }

            cursor = page.LastKeyLiteral;
            yield return page;
        }
    }

    private static Protos.Common.KeyValuePair Param(string key, string value) => new() { Key = key, Value = value };
}
