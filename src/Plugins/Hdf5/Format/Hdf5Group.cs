namespace MilvusDm.Plugins.Hdf5.Format;

/// <summary>
/// Lists a group's members whatever its storage: a symbol table (v1 B-tree, SNOD, local heap), compact link
/// messages, or dense links (fractal heap indexed by a v2 B-tree of type 5).
/// </summary>
internal static class Hdf5Group
{
    private const int MaxTreeDepth = 64;

    public static bool IsGroup(ObjectHeader header) =>
        header.Find(HeaderMessage.SymbolTable) is not null || header.Find(HeaderMessage.LinkInfo) is not null
        || (header.Find(HeaderMessage.Link) is not null && header.Find(HeaderMessage.Layout) is null);

    public static IReadOnlyList<GroupMember> Members(Hdf5File file, ObjectHeader header)
    {
        var members = new List<GroupMember>();
        if (header.Find(HeaderMessage.SymbolTable) is { } symbolTable)
        {
            ByteCursor c = symbolTable.Cursor(file, "symbol table message");
            ulong tree = c.Address();
            var heap = LocalHeap.Read(file, c.Address());
            VisitSymbolTree(file, tree, heap, members, 0);
        }

        foreach (HeaderMessage link in header.All(HeaderMessage.Link))
        {
            members.Add(ToMember(LinkMessage.Parse(link.Cursor(file, "link message"))));
        }

        if (header.Find(HeaderMessage.LinkInfo) is { } info && DenseStorage.ParseLinkInfo(info.Cursor(file, "link info message")) is { Dense: true } dense)
        {
            var heap = FractalHeap.Read(file, dense.FractalHeap);
            var names = V2BTree.Read(file, dense.NameIndex);
            foreach (ByteCursor record in names.Records())
            {
                record.Skip(4); // name hash
                long at = record.Here;
                ReadOnlySpan<byte> id = record.Take(record.Remaining);
                members.Add(ToMember(LinkMessage.Parse(heap.Object(id, at))));
            }
        }

        return members;
    }

    private static GroupMember ToMember(LinkMessage link) => new(link.Name, link.Kind, link.Address, link.Target);

    private static void VisitSymbolTree(Hdf5File file, ulong address, LocalHeap heap, List<GroupMember> members, int depth)
    {
        if (depth > MaxTreeDepth)
        {
            throw new MilvusDm.Abstractions.SourceDataException($"{file.Path}: group B-tree nests deeper than {MaxTreeDepth} levels (a loop?)");
        }

        V1BTreeNode node = V1BTreeNode.Read(file, address, expectedType: 0, keySize: file.LengthSize);
        foreach (ulong child in node.Children)
        {
            if (node.Level > 0)
            {
                VisitSymbolTree(file, child, heap, members, depth + 1);
                continue;
            }

            foreach ((ulong nameOffset, ulong objectHeader) in SymbolTableNode.Read(file, child))
            {
                members.Add(new GroupMember(heap.StringAt(nameOffset), LinkKind.Hard, objectHeader, null));
            }
        }
    }
}
