using EdgeSensor.Capture;
using EdgeSensor.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSensor.Hosting;

/// <summary>
/// The capture thread: reads frames (live, or a file at its recorded pace) and runs them through the pipeline, the
/// plant model and detection. Nothing else runs on it but a state snapshot when one is asked for. A file ends the run.
/// </summary>
public sealed partial class CaptureService(SensorRuntime runtime, IHostApplicationLifetime lifetime, ILogger<CaptureService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        var capture = runtime.Config.Capture;
        try
        {
            using var source = capture.Interface is { } iface
                ? PcapSource.OpenLive(iface, capture.Bpf, TapInterface.DirectionFor(TapInterface.Addresses(iface)))
                : PcapSource.OpenFile(capture.File!);
            if (capture.Interface is null)
            {
                LogStarted(source.Description);
            }
            else
            {
                LogStartedLive(source.Description, TapInterface.Text(source.Direction), source.DirectionNote is { } note ? $"; {note}" : string.Empty);
            }

            var model = runtime.Model;
            var pipeline = new DecodePipeline(new PipelineOptions { FlowCapacity = runtime.Config.Capacities.IcsFlows }, model, source.LinkType, model);
            runtime.Counters = pipeline.Counters;
            runtime.CaptureStatistics = source;
            var pace = new ReplayPace(capture.Interface is null ? capture.ReplaySpeed : 0);
            bool learning = model.IsLearning;
            bool completed = false;
            while (!stop.IsCancellationRequested)
            {
                var status = source.TryReadNext(out var frame);
                if (status == CaptureReadStatus.Frame)
                {
                    pace.Wait(frame.TimestampMicroseconds, stop);
                    pipeline.ProcessFrame(frame.Data, frame.TimestampMicroseconds);
                    if (learning && !model.IsLearning)
                    {
                        learning = false;
                        LogLearningEnded((model.LearningEnded - model.LearningStarted) / 1_000_000.0, model.Devices.Count, model.Relations.Count);
                    }
                }
                else if (status == CaptureReadStatus.EndOfCapture)
                {
                    LogEnded(source.Description, pipeline.Counters.Frames);
                    if (capture.StayAfterEnd)
                    {
                        pipeline.Complete();
                        runtime.Detection.Settle();
                        completed = true;
                        runtime.RequestAssets();
                        LogStaying();
                        while (!stop.IsCancellationRequested)
                        {
                            runtime.SnapshotIfRequested();
                            runtime.AssetsIfRequested();
                            Volatile.Write(ref runtime.Heartbeat, runtime.Heartbeat + 1);
                            stop.WaitHandle.WaitOne(100);
                        }
                    }

                    break;
                }
                else if (status == CaptureReadStatus.Error)
                {
                    throw new CaptureOpenException($"capture error on {source.Description}: {source.LastError}");
                }

                runtime.SnapshotIfRequested();
                runtime.AssetsIfRequested();
                Volatile.Write(ref runtime.Heartbeat, runtime.Heartbeat + 1);   // the loop turns (frames or idle timeouts)
            }

            if (capture.Interface is not null)
            {
                LogStopped(source.Description, pipeline.Counters.Frames);
            }

            if (!completed)
            {
                pipeline.Complete();
                runtime.Detection.Settle();
            }
        }
        catch (CaptureOpenException e)
        {
            runtime.Fault = e.Message;
            LogFailed(e.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            runtime.CaptureStatistics = null;
            runtime.RequestSave();
            runtime.SnapshotIfRequested();
            runtime.RequestAssets();
            runtime.AssetsIfRequested();
            runtime.AssetSnapshots.Writer.TryComplete();
            runtime.Snapshots.Writer.TryComplete();
            runtime.Findings.Writer.TryComplete();
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "capturing from {Source}")]
    private partial void LogStarted(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "capturing from {Source} ({Direction}{Note})")]
    private partial void LogStartedLive(string source, string direction, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped capturing from {Source} after {Frames} frames")]
    private partial void LogStopped(string source, long frames);

    [LoggerMessage(Level = LogLevel.Information, Message = "learning ended after {Seconds:0} s of capture time: baseline of {Devices} devices and {Relations} relations; detection is on")]
    private partial void LogLearningEnded(double seconds, int devices, int relations);

    [LoggerMessage(Level = LogLevel.Information, Message = "end of {Source} after {Frames} frames")]
    private partial void LogEnded(string source, long frames);

    [LoggerMessage(Level = LogLevel.Information, Message = "replay over; staying up until stopped (capture.stayAfterEnd)")]
    private partial void LogStaying();

    [LoggerMessage(Level = LogLevel.Error, Message = "capture stopped: {Reason}")]
    private partial void LogFailed(string reason);
}
