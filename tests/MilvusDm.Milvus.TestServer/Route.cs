using Google.Protobuf;
using MilvusDm.Plugins.Milvus.Protos.Common;

namespace MilvusDm.Milvus.TestServer;

/// <summary>One RPC: how to answer a request, and how to wrap a refusal Status into that RPC's response type.</summary>
public sealed record Route(Func<byte[], string, IMessage> Handle, Func<Status, IMessage> Fail, bool IsWrite = false);
