using MilvusDm.Plugins.Milvus.Protos.V1;

namespace MilvusDm.Milvus.TestServer.V1;

/// <summary>Insert, delete, flush and the by-segment / by-id reads of the 1.x server.</summary>
public sealed partial class InMemoryMilvusV1
{
    private VectorIds Insert(InsertParam request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName);
            var partition = Partition(c, request.PartitionTag);
            var records = request.RowRecordArray;
            if (records.Count == 0)
            {
                throw V1Errors.Of(ErrorCode.IllegalRowrecord, "The vector array is empty. Make sure you have entered vector records.");
            }

            bool withIds = request.RowIdArray.Count > 0;
            if (withIds && request.RowIdArray.Count != records.Count)
            {
                throw V1Errors.Of(ErrorCode.IllegalRowrecord, "The size of vector ID array must be equal to the size of the vector.");
            }

            if (c.UserIds is bool userIds && userIds != withIds)
            {
                throw V1Errors.Of(ErrorCode.IllegalVectorId, userIds
                    ? "Entities IDs are user-defined. Please provide IDs for all entities of the collection."
                    : "Entities IDs are auto-generated. All vectors of this collection must use auto-generated IDs.");
            }

            long bytes = records.Sum(r => (long)r.FloatData.Count * 4 + r.BinaryData.Length);
            if (bytes > MaxInsertBytes)
            {
                throw V1Errors.IllegalArgument($"The amount of data inserted each time cannot exceed {MaxInsertBytes} bytes (this one: {bytes})");
            }

            int expected = (int)(c.IsBinary ? c.Dimension / 8 : c.Dimension);
            foreach (var record in records)
            {
                int got = c.IsBinary ? record.BinaryData.Length : record.FloatData.Count;
                bool otherKind = c.IsBinary ? record.FloatData.Count > 0 : !record.BinaryData.IsEmpty;
                if (got != expected || otherKind)
                {
                    throw V1Errors.Of(ErrorCode.IllegalDimension,
                        $"The vector dimension must be equal to the collection dimension ({c.Dimension} {(c.IsBinary ? "bits as binary_data" : "floats as float_data")}).");
                }
            }

            if (request.RowIdArray.FirstOrDefault(id => id < 0) is var negative && negative < 0)
            {
                throw V1Errors.Of(ErrorCode.IllegalVectorId, $"Invalid vector id: {negative}");
            }

            c.UserIds ??= withIds;
            var ids = withIds ? request.RowIdArray.ToArray() : records.Select(_ => Interlocked.Increment(ref _nextId)).ToArray();
            partition.Buffer.AddRange(ids.Select((id, i) => new V1Row(id, records[i].Clone())));
            return new VectorIds { Status = Ok(), VectorIdArray = { ids } };
        }
    }

    /// <summary>Buffered rows go at once; persisted ones at the next Flush (so a later insert of the id survives).</summary>
    private Status DeleteById(DeleteByIDParam request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName);
            var partitions = string.IsNullOrEmpty(request.PartitionTag) ? c.Partitions : [Partition(c, request.PartitionTag)];
            var ids = request.IdArray.ToHashSet();
            foreach (var partition in partitions)
            {
                partition.Buffer.RemoveAll(r => ids.Contains(r.Id));
                partition.PendingDeletes.UnionWith(ids);
            }

            return Ok();
        }
    }

    private Status Flush(FlushParam request)
    {
        lock (_gate)
        {
            var collections = request.CollectionNameArray.Count == 0 ? _collections.Values.ToList() : request.CollectionNameArray.Select(Collection).ToList();
            foreach (var partition in collections.SelectMany(c => c.Partitions))
            {
                foreach (var segment in partition.Segments)
                {
                    segment.Rows.RemoveAll(r => partition.PendingDeletes.Contains(r.Id));
                }

                partition.Segments.RemoveAll(s => s.Rows.Count == 0);
                partition.PendingDeletes.Clear();
                partition.Buffer.RemoveRange(0, Math.Min(FlushLosesRows, partition.Buffer.Count));
                foreach (var chunk in partition.Buffer.Chunk(Math.Max(1, SegmentRows)))
                {
                    partition.Segments.Add(new V1Segment(NewSegmentName(), [.. chunk]));
                }

                partition.Buffer.Clear();
            }

            return Ok();
        }
    }

    private VectorIds GetVectorIds(GetVectorIDsParam request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName);
            var segment = c.Partitions.SelectMany(p => p.Segments).FirstOrDefault(s => s.Name == request.SegmentName)
                ?? throw V1Errors.IllegalArgument($"Segment {request.SegmentName} of collection {c.Name} does not exist");
            return new VectorIds { Status = Ok(), VectorIdArray = { segment.Rows.Select(r => r.Id) } };
        }
    }

    /// <summary>One record per id in request order; an id not stored (in the tag's partition) gives an empty record.</summary>
    private VectorsData GetVectorsById(VectorsIdentity request)
    {
        lock (_gate)
        {
            var c = Collection(request.CollectionName);
            if (request.IdArray.Count == 0)
            {
                throw V1Errors.IllegalArgument("No vector id specified");
            }

            string? tag = string.IsNullOrEmpty(request.PartitionTag) ? null : Partition(c, request.PartitionTag).Tag;
            var stored = new Dictionary<long, RowRecord>();
            foreach (var row in c.PersistedRowsOf(tag))
            {
                stored.TryAdd(row.Id, row.Record);
            }

            var reply = new VectorsData { Status = Ok() };
            reply.VectorsData_.AddRange(request.IdArray.Select(id => stored.TryGetValue(id, out var record) ? record.Clone() : new RowRecord()));
            return reply;
        }
    }
}
