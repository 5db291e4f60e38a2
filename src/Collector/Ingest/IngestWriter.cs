using System.Threading.Channels;
using Collector.Hosting;
using Collector.Storage;
using Collector.Web.Live;
using Microsoft.Extensions.Options;

namespace Collector.Ingest;

/// <summary>
/// The single writer in front of <see cref="IEventStore"/>: callers submit a message or dead letter and get a task
/// that completes when the transaction holding it has committed (group commit). A batch is whatever is queued when
/// the previous commit ends, up to <see cref="CollectorOptions.MaxBatch"/>, optionally topped up for
/// <see cref="CollectorOptions.BatchLingerMs"/>. A store failure fails that batch's tasks (the broker then answers
/// those publishes with an error and the sensors retry them) and never stops the writer.
/// </summary>
public sealed partial class IngestWriter : BackgroundService
{
    private readonly Channel<Pending> _queue;
    private readonly IEventStore _store;
    private readonly IngestCounters _counters;
    private readonly ILogger<IngestWriter> _logger;
    private readonly int _maxBatch;
    private readonly TimeSpan _linger;

    private readonly LiveEvents? _live;

    public IngestWriter(IEventStore store, IngestCounters counters, IOptions<CollectorOptions> options, ILogger<IngestWriter> logger, LiveEvents? live = null)
    {
        _store = store;
        _live = live;
        _counters = counters;
        _logger = logger;
        _maxBatch = Math.Max(1, options.Value.MaxBatch);
        _linger = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.BatchLingerMs));
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(_maxBatch * 8, 1024))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Completes once the message is durably stored (or recognised as a duplicate).</summary>
    public Task<WriteOutcome> SubmitAsync(StoredMessage message, CancellationToken cancellationToken) =>
        EnqueueAsync(new Pending(message, null), cancellationToken);

    /// <summary>Completes once the dead letter is durably stored.</summary>
    public Task<WriteOutcome> SubmitAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        _counters.AddRejected(deadLetter.Reason);
        return EnqueueAsync(new Pending(null, deadLetter), cancellationToken);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _store.Initialize();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hosted services stop in reverse order, so the broker has stopped accepting publishes: drain what is queued.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(_maxBatch);
        var messages = new List<StoredMessage>(_maxBatch);
        var deadLetters = new List<DeadLetter>();
        bool[] stored = new bool[_maxBatch];
        ChannelReader<Pending> reader = _queue.Reader;

        // Not cancelled by stoppingToken: the loop ends when StopAsync completes the queue and it is drained.
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            Fill(reader, batch);
            if (batch.Count < _maxBatch && _linger > TimeSpan.Zero)
            {
                using var linger = new CancellationTokenSource(_linger);
                try
                {
                    while (batch.Count < _maxBatch && await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
                    {
                        Fill(reader, batch);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The linger is over: write what we have.
                }
            }

            WriteBatch(batch, messages, deadLetters, stored);
            batch.Clear();
            messages.Clear();
            deadLetters.Clear();
        }
    }

    public override void Dispose()
    {
        _store.Dispose();
        base.Dispose();
    }

    private void Fill(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (batch.Count < _maxBatch && reader.TryRead(out Pending? item))
        {
            batch.Add(item);
        }
    }

    private void WriteBatch(List<Pending> batch, List<StoredMessage> messages, List<DeadLetter> deadLetters, bool[] stored)
    {
        foreach (Pending item in batch)
        {
            if (item.Message is not null)
            {
                messages.Add(item.Message);
            }
            else if (item.DeadLetter is not null)
            {
                deadLetters.Add(item.DeadLetter);
            }
        }

        try
        {
            WriteResult result = _store.Write(messages, deadLetters, stored);
            _counters.AddBatch(result);
            int m = 0;
            foreach (Pending item in batch)
            {
                bool isNew = item.Message is not null && stored[m++];
                item.Done.TrySetResult(item.Message is null ? WriteOutcome.DeadLettered
                    : isNew ? WriteOutcome.Stored : WriteOutcome.Duplicate);
                if (isNew && _live is not null && LiveEventMapper.From(item.Message!) is { } e)
                {
                    // After the commit, so a dashboard that reloads on the event finds the row.
                    _live.Publish(e);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Disk full, I/O error, a bug in a statement: fail this batch only; its publishes are not acknowledged.
            _counters.AddStoreFailure();
            LogStoreFailed(ex, batch.Count);
            foreach (Pending item in batch)
            {
                item.Done.TrySetException(ex);
            }
        }
    }

    private async Task<WriteOutcome> EnqueueAsync(Pending item, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        return await item.Done.Task.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "storing a batch of {Count} failed; its publishes are not acknowledged")]
    private partial void LogStoreFailed(Exception exception, int count);

    private sealed class Pending(StoredMessage? message, DeadLetter? deadLetter)
    {
        public StoredMessage? Message { get; } = message;

        public DeadLetter? DeadLetter { get; } = deadLetter;

        public TaskCompletionSource<WriteOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
