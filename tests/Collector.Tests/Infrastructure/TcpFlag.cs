namespace Collector.Tests.Infrastructure;

/// <summary>TCP flag bits as in the header's flags byte.</summary>
[Flags]
internal enum TcpFlag : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}
