using System.Text.Json;
using Google.Protobuf.Reflection;
using MilvusDm.Plugins.Milvus.Protos.Common;
using MilvusDm.Plugins.Milvus.Protos.Milvus;
using MilvusDm.Plugins.Milvus.Protos.Schema;

namespace MilvusDm.Plugins.Milvus.Tests;

/// <summary>
/// Every message, field, enum value and service method of our hand-written .proto subset must exist in the official
/// descriptors (Node SDK proto-json) with the same name, number, type and label, except the named allow-list below.
/// The 1.x protocol (package milvus.grpc) is checked against the 1.x SDK by V1/V1ConformanceTests.
/// </summary>
public sealed class ConformanceTests
{
    /// <summary>Deliberate differences, each with its reason.</summary>
    private static readonly Dictionary<string, string> AllowList = new(StringComparer.Ordinal)
    {
    };

    private static readonly FileDescriptor[] Ours =
    [
        CommonReflection.Descriptor,
        SchemaReflection.Descriptor,
        MilvusReflection.Descriptor,
    ];

    private static readonly Lazy<JsonElement> s_theirs = new(() =>
        JsonDocument.Parse(NodeSdk.Run("node", NodeSdk.Script("dump-descriptors.js"), NodeSdk.Directory)).RootElement);

    [Fact]
    public void Every_message_and_field_matches_the_official_descriptors()
    {
        var theirs = s_theirs.Value.GetProperty("messages");
        var differences = new List<string>();
        int fieldsChecked = 0;
        foreach (var message in Ours.SelectMany(f => f.MessageTypes))
        {
            if (AllowList.ContainsKey(message.FullName))
            {
                continue;
            }

            if (!theirs.TryGetProperty(message.FullName, out var theirMessage))
            {
                differences.Add($"message {message.FullName} does not exist upstream");
                continue;
            }

            var theirFields = theirMessage.GetProperty("fields");
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                fieldsChecked++;
                string key = $"{message.FullName}.{field.Name}";
                if (AllowList.ContainsKey(key))
                {
                    continue;
                }

                if (!theirFields.TryGetProperty(field.Name, out var their))
                {
                    differences.Add($"field {key} does not exist upstream");
                    continue;
                }

                var (type, repeated, mapKey) = Describe(field);
                Check(differences, key, "number", field.FieldNumber.ToString(), their.GetProperty("id").GetInt32().ToString());
                Check(differences, key, "type", type, their.GetProperty("type").GetString());
                Check(differences, key, "repeated", repeated.ToString(), their.GetProperty("repeated").GetBoolean().ToString());
                Check(differences, key, "map key", mapKey ?? "-", their.GetProperty("map").ValueKind == JsonValueKind.Null ? "-" : their.GetProperty("map").GetString());
                string? theirOneof = their.GetProperty("oneof").ValueKind == JsonValueKind.Null ? null : their.GetProperty("oneof").GetString();
                Check(differences, key, "oneof", field.RealContainingOneof?.Name ?? "-", theirOneof ?? "-");
            }
        }

        Assert.True(fieldsChecked >= 290, $"only {fieldsChecked} fields checked");
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Every_enum_value_matches_the_official_descriptors()
    {
        var theirs = s_theirs.Value.GetProperty("enums");
        var differences = new List<string>();
        foreach (var enumType in Ours.SelectMany(f => f.EnumTypes))
        {
            if (!theirs.TryGetProperty(enumType.FullName, out var their))
            {
                differences.Add($"enum {enumType.FullName} does not exist upstream");
                continue;
            }

            foreach (var value in enumType.Values)
            {
                if (!their.TryGetProperty(value.Name, out var number) || number.GetInt32() != value.Number)
                {
                    differences.Add($"enum value {enumType.FullName}.{value.Name} = {value.Number} differs upstream");
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Every_service_method_matches_the_official_service()
    {
        var theirs = s_theirs.Value.GetProperty("services");
        var service = MilvusReflection.Descriptor.Services.Single();
        Assert.Equal("milvus.proto.milvus.MilvusService", service.FullName);
        var their = theirs.GetProperty(service.FullName);
        foreach (var method in service.Methods)
        {
            Assert.True(their.TryGetProperty(method.Name, out var m), $"method {method.Name} does not exist upstream");
            Assert.Equal(m.GetProperty("request").GetString(), method.InputType.FullName);
            Assert.Equal(m.GetProperty("response").GetString(), method.OutputType.FullName);
        }

        // The client calls exactly the methods the subset declares.
        Assert.Equal(27, service.Methods.Count);
    }

    private static (string Type, bool Repeated, string? MapKey) Describe(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            var key = field.MessageType.FindFieldByNumber(1);
            var value = field.MessageType.FindFieldByNumber(2);
            return (TypeName(value), false, TypeName(key));
        }

        return (TypeName(field), field.IsRepeated, null);
    }

    private static string TypeName(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message => field.MessageType.FullName,
        FieldType.Enum => field.EnumType.FullName,
        _ => field.FieldType.ToString().ToLowerInvariant(),
    };

    private static void Check(List<string> differences, string key, string what, string ours, string? theirs)
    {
        if (ours != theirs)
        {
            differences.Add($"{key}: {what} is {ours} here but {theirs} upstream");
        }
    }
}
