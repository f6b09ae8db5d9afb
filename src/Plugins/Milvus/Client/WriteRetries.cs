using MilvusDm.Abstractions;
using Polly;
using Polly.Retry;

namespace MilvusDm.Plugins.Milvus.Client;

/// <summary>
/// The retry policy of both writers (2.x and 1.x): only failures that left nothing decided (UNAVAILABLE, rate limits,
/// deadlines) are retried, with jittered exponential back-off capped at 30 s, for at most <c>max_attempts</c> tries.
/// </summary>
internal static class WriteRetries
{
    public static ResiliencePipeline Create(int maxAttempts, TimeSpan firstDelay) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<DestinationException>(ex =>
                    MilvusClient.FailureOf(ex)?.Kind is MilvusFailureKind.Retriable or MilvusFailureKind.DeadlineExceeded),
                MaxRetryAttempts = Math.Max(0, maxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
            })
            .Build();
}
