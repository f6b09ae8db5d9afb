using System.CommandLine;
using System.Text.Json;
using MilvusDm.Abstractions;
using MilvusDm.Tool.Output;
using MilvusDm.Tool.Pipeline;
using MilvusDm.Tool.Plugins;

namespace MilvusDm.Tool.Commands;

/// <summary><c>milvusdm inspect TARGET [--json]</c>: what a source holds, with rows, dim, type, metric and digests.</summary>
internal static class InspectCommand
{
    public static Command Create(ToolEnvironment environment)
    {
        Argument<string> targetArgument = new("target") { Description = "A Faiss index file, an .h5/.hdf5 file, a Milvus 0.10/1.x storage folder, or a Milvus URI." };
        Option<bool> jsonOption = new("--json") { Description = "Print one JSON object (keys fixed by the contract)." };
        Option<string[]> collectionOption = new("--collection") { Description = "Collection to inspect (repeatable; default all).", Arity = ArgumentArity.ZeroOrMore };
        Option<string?> dbNameOption = new("--db-name") { Description = "Milvus database." };
        Option<string?> mySqlOption = new("--mysql") { Description = "mysql://user@host:port/database for a 1.x folder whose meta is in MySQL (password from MYSQL_PASSWORD)." };
        Option<string?> vectorsDatasetOption = new("--vectors-dataset") { Description = "HDF5 dataset holding the vectors." };
        Option<string[]> secondaryPathOption = new("--secondary-path") { Description = "A Milvus 1.x storage.secondary_path holding segment folders (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        Command command = new("inspect", "Describe what a source holds.") { targetArgument, jsonOption, collectionOption, dbNameOption, mySqlOption, vectorsDatasetOption, secondaryPathOption };
        command.SetAction((parseResult, token) => CommandContext.RunAsync(parseResult, environment, token, async context =>
        {
            var request = new InspectRequest(parseResult.GetRequiredValue(targetArgument))
            {
                Collections = parseResult.GetValue(collectionOption) ?? [],
                DbName = parseResult.GetValue(dbNameOption),
                MySql = parseResult.GetValue(mySqlOption),
                VectorsDataset = parseResult.GetValue(vectorsDatasetOption),
                Extra = SecondaryPaths(parseResult.GetValue(secondaryPathOption)),
            };
            (LoadedPlugin plugin, IVectorSource source) = Open(context, request);
            await using (source.ConfigureAwait(false))
            {
                var datasets = new List<InspectedDataset>();
                foreach (DatasetInfo dataset in await source.ListDatasetsAsync(context.CancellationToken).ConfigureAwait(false))
                {
                    DigestPair digests = await SourceDigest.ComputeAsync(source, dataset, context.CancellationToken).ConfigureAwait(false);
                    datasets.Add(new InspectedDataset(dataset, digests));
                }

                if (parseResult.GetValue(jsonOption))
                {
                    context.Console.Result(ToJson(request.Target, plugin.Name, datasets));
                }
                else
                {
                    WriteText(context.Console, request.Target, plugin.Name, datasets);
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Passed to source plugins as the extra option <c>secondary-path</c>, paths joined by the path-list separator.</summary>
    private static Dictionary<string, string> SecondaryPaths(string[]? paths) =>
        paths is { Length: > 0 } ? new() { ["secondary-path"] = string.Join(Path.PathSeparator, paths) } : [];

    private static (LoadedPlugin Plugin, IVectorSource Source) Open(CommandContext context, InspectRequest request)
    {
        bool isUri = Uri.TryCreate(request.Target, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" or "tcp" or "grpc";
        if (!isUri && !File.Exists(request.Target) && !Directory.Exists(request.Target))
        {
            throw new SourceDataException($"{request.Target}: no such file or folder");
        }

        foreach (LoadedPlugin plugin in context.Catalog.Loaded)
        {
            if (plugin.Instance is ISourcePlugin source && source.TryOpenForInspect(request, context.PluginContext) is { } opened)
            {
                return (plugin, opened);
            }
        }

        string readers = string.Join(", ", context.Catalog.Loaded.Where(p => p.Instance is ISourcePlugin).Select(p => p.Name));
        throw new SourceDataException($"{request.Target}: not a format any installed source plugin reads (installed: {(readers.Length == 0 ? "none" : readers)})");
    }

    private static string ToJson(string target, string format, List<InspectedDataset> datasets)
    {
        string? protocol = datasets.Select(d => d.Info.Properties.GetValueOrDefault("protocol")).FirstOrDefault(p => p is not null);
        var document = new Dictionary<string, object?>
        {
            ["source"] = target,
            ["format"] = format,
        };
        if (protocol is not null)
        {
            document["protocol"] = protocol;
        }

        document["datasets"] = datasets.Select(d => new Dictionary<string, object?>
        {
            ["name"] = d.Info.Name,
            ["collection"] = d.Info.Collection,
            ["partition"] = d.Info.Partition,
            ["rows"] = d.Digests.Rows,
            ["dim"] = d.Info.Schema.Vector.Dim,
            ["vector_type"] = d.Info.Schema.Vector.Type.ToContractName(),
            ["metric"] = d.Info.Schema.Metric,
            ["has_ids"] = d.Info.Schema.HasIds,
            ["digest"] = d.Digests.Digest.ToString(),
            ["vectors_digest"] = d.Digests.VectorsDigest.ToString(),
        }).ToList();
        return JsonSerializer.Serialize(document, JsonOptions.Indented);
    }

    private static void WriteText(ToolConsole console, string target, string format, List<InspectedDataset> datasets)
    {
        console.Result($"{target}: {format}, {datasets.Count} dataset(s)");
        foreach (InspectedDataset d in datasets)
        {
            console.Result($"  {d.Info.Name}: {d.Digests.Rows} rows, dim {d.Info.Schema.Vector.Dim}, {d.Info.Schema.Vector.Type.ToContractName()}, metric {d.Info.Schema.Metric ?? "null"}, {(d.Info.Schema.HasIds ? "ids" : "no ids")}");
            console.Result($"    digest {d.Digests.Digest}, vectors_digest {d.Digests.VectorsDigest}");
        }
    }

    private sealed record InspectedDataset(DatasetInfo Info, DigestPair Digests);
}
