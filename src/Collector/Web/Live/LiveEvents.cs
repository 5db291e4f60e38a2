using System.Threading.Channels;

namespace Collector.Web.Live;

/// <summary>
/// Fan-out of <see cref="LiveEvent"/>s from ingest (after the commit) to every open dashboard stream. Each subscriber
/// has a small bounded queue that drops its oldest events when a browser reads too slowly, so a stalled tab can never
/// hold up ingest.
/// </summary>
public sealed class LiveEvents
{
    private const int PerSubscriber = 256;
    private readonly Lock _lock = new();
    private readonly List<Channel<LiveEvent>> _subscribers = [];

    public int Subscribers
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    public void Publish(LiveEvent e)
    {
        lock (_lock)
        {
            foreach (Channel<LiveEvent> subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }
        }
    }

    /// <summary>Events published from now on, until <paramref name="cancellationToken"/> ends the stream.</summary>
    public async IAsyncEnumerable<LiveEvent> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<LiveEvent> channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(PerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out LiveEvent? e))
                {
                    yield return e;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
