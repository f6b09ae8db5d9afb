using MilvusDm.Abstractions;

namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>Resolves paths like <c>group/sub/dataset</c> from the root group, following soft links, and lists datasets.</summary>
internal static class ObjectLocator
{
    private const int MaxHops = 64;

    public static ObjectHeader Root(Hdf5File file) => ObjectHeader.Read(file, file.Superblock.RootObjectHeader);

    public static ObjectHeader? Find(Hdf5File file, string path)
    {
        int hops = 0;
        return Resolve(file, Root(file), path, ref hops);
    }

    /// <summary>Every dataset under the root (depth first, by name), with its path, up to a limit on objects visited.</summary>
    public static IReadOnlyList<(string Path, ObjectHeader Header)> Datasets(Hdf5File file, int limit = 10_000)
    {
        var found = new List<(string, ObjectHeader)>();
        var visited = new HashSet<ulong>();
        Walk(file, Root(file), "", found, visited, limit);
        return found;
    }

    private static void Walk(Hdf5File file, ObjectHeader group, string prefix, List<(string, ObjectHeader)> found, HashSet<ulong> visited, int limit)
    {
        if (!visited.Add(group.Address) || visited.Count > limit)
        {
            return;
        }

        foreach (GroupMember member in Hdf5Group.Members(file, group).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (member.Kind != LinkKind.Hard)
            {
                continue;
            }

            var header = ObjectHeader.Read(file, member.Address);
            string path = prefix + member.Name;
            if (Hdf5Dataset.IsDataset(header))
            {
                found.Add((path, header));
            }
            else if (Hdf5Group.IsGroup(header))
            {
                Walk(file, header, path + "/", found, visited, limit);
            }
        }
    }

    private static ObjectHeader? Resolve(Hdf5File file, ObjectHeader start, string path, ref int hops)
    {
        ObjectHeader current = path.StartsWith('/') ? Root(file) : start;
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (!Hdf5Group.IsGroup(current))
            {
                return null;
            }

            GroupMember? member = Hdf5Group.Members(file, current).FirstOrDefault(m => m.Name == part);
            if (member is null)
            {
                return null;
            }

            if (++hops > MaxHops)
            {
                throw new SourceDataException($"{file.Path}: resolving '{path}' follows more than {MaxHops} links (a loop?)");
            }

            current = member.Kind switch
            {
                LinkKind.Hard => ObjectHeader.Read(file, member.Address),
                LinkKind.Soft => Resolve(file, current, member.Target!, ref hops) ?? throw new SourceDataException($"{file.Path}: soft link '{part}' points at '{member.Target}', which does not exist"),
                _ => throw new SourceDataException($"{file.Path}: '{part}' is an external link, which is not supported"),
            };
        }

        return current;
    }
}
