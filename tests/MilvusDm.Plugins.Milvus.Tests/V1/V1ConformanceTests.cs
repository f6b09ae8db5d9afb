using System.Text.Json;
using Google.Protobuf.Reflection;
using MilvusDm.Plugins.Milvus.Protos.V1;

namespace MilvusDm.Plugins.Milvus.Tests.V1;

/// <summary>
/// Our hand-written 1.x subset (package milvus.grpc) against the .proto files the 1.x Node SDK ships: every message,
/// field, enum value and service method of ours that the SDK has must match in name, number, type and label. The SDK
/// carries a 0.10-era protocol, so the Milvus 1.1 fields it lacks are named below with the 1.1 definition they follow.
/// </summary>
public sealed class V1ConformanceTests
{
    /// <summary>Fields of Milvus 1.1 absent from the SDK's 0.10-era .proto, each with where 1.1 defines it.</summary>
    private static readonly Dictionary<string, string> Milvus11Only = new(StringComparer.Ordinal)
    {
        ["milvus.grpc.DeleteByIDParam.partition_tag"] =
            "Milvus 1.1: `string partition_tag = 3;` in message DeleteByIDParam, pymilvus v1.1.2 grpc-proto/milvus.proto line 196 (commit 509eb545)",
        ["milvus.grpc.VectorsIdentity.partition_tag"] =
            "Milvus 1.1: `string partition_tag = 3;` in message VectorsIdentity, pymilvus v1.1.2 grpc-proto/milvus.proto line 213 (commit 509eb545)",
    };

    private static readonly FileDescriptor[] Ours = [StatusReflection.Descriptor, MilvusReflection.Descriptor];

    private static readonly Lazy<JsonElement> s_theirs = new(() => JsonDocument.Parse(
        NodeSdk.Run("node", [NodeSdk.Script("dump-descriptors.js"), NodeSdkV1.Directory, .. NodeSdkV1.ProtoFiles])).RootElement);

    [Fact]
    public void Every_field_the_sdk_has_matches_in_number_type_and_label()
    {
        var theirs = s_theirs.Value.GetProperty("messages");
        var differences = new List<string>();
        int compared = 0;
        foreach (var message in Ours.SelectMany(f => f.MessageTypes))
        {
            Assert.Equal("milvus.grpc", message.File.Package);
            if (!theirs.TryGetProperty(message.FullName, out var theirMessage))
            {
                differences.Add($"message {message.FullName} is not in the SDK");
                continue;
            }

            var theirFields = theirMessage.GetProperty("fields");
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                string key = $"{message.FullName}.{field.Name}";
                if (!theirFields.TryGetProperty(field.Name, out var their))
                {
                    if (!Milvus11Only.ContainsKey(key))
                    {
                        differences.Add($"field {key} is not in the SDK and not a named Milvus 1.1 field");
                    }

                    continue;
                }

                compared++;
                var ours = new FieldShape(field.FieldNumber, TypeName(field), field.IsRepeated, field.RealContainingOneof?.Name);
                var upstream = new FieldShape(their.GetProperty("id").GetInt32(), their.GetProperty("type").GetString()!,
                    their.GetProperty("repeated").GetBoolean(), their.GetProperty("oneof").ValueKind == JsonValueKind.Null ? null : their.GetProperty("oneof").GetString());
                if (ours != upstream)
                {
                    differences.Add($"{key}: ours {ours}, SDK {upstream}");
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences));
        int total = Ours.SelectMany(f => f.MessageTypes).Sum(m => m.Fields.InDeclarationOrder().Count);
        Assert.Equal(total - Milvus11Only.Count, compared);
    }

    [Fact]
    public void The_named_11_fields_exist_here_and_are_really_absent_from_the_sdk()
    {
        var theirs = s_theirs.Value.GetProperty("messages");
        foreach (string key in Milvus11Only.Keys)
        {
            int dot = key.LastIndexOf('.');
            string message = key[..dot];
            string field = key[(dot + 1)..];
            var ours = Ours.SelectMany(f => f.MessageTypes).Single(m => m.FullName == message).FindFieldByName(field);
            Assert.NotNull(ours);
            Assert.Equal(3, ours.FieldNumber);
            Assert.Equal(FieldType.String, ours.FieldType);
            Assert.False(theirs.GetProperty(message).GetProperty("fields").TryGetProperty(field, out _), $"{key} is in the SDK: drop it from the list");
        }
    }

    [Fact]
    public void Every_error_code_matches_the_sdk()
    {
        var their = s_theirs.Value.GetProperty("enums").GetProperty("milvus.grpc.ErrorCode");
        var ours = StatusReflection.Descriptor.EnumTypes.Single();
        Assert.Equal(their.EnumerateObject().Count(), ours.Values.Count);
        foreach (var value in ours.Values)
        {
            Assert.True(their.TryGetProperty(value.Name, out var number), $"ErrorCode.{value.Name} is not in the SDK");
            Assert.Equal(number.GetInt32(), value.Number);
        }
    }

    [Fact]
    public void Every_service_method_matches_the_sdk()
    {
        var service = MilvusReflection.Descriptor.Services.Single();
        Assert.Equal("milvus.grpc.MilvusService", service.FullName);
        var their = s_theirs.Value.GetProperty("services").GetProperty(service.FullName);
        foreach (var method in service.Methods)
        {
            Assert.True(their.TryGetProperty(method.Name, out var m), $"method {method.Name} is not in the SDK");
            Assert.Equal(m.GetProperty("request").GetString(), method.InputType.FullName);
            Assert.Equal(m.GetProperty("response").GetString(), method.OutputType.FullName);
        }

        Assert.Equal(17, service.Methods.Count);
    }

    private static string TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };

    private sealed record FieldShape(int Number, string Type, bool Repeated, string? Oneof);
}
