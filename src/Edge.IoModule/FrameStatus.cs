namespace Edge.IoModule
{
    /// <summary>What one step of <see cref="FrameDecoder"/> produced.</summary>
    public enum FrameStatus : byte
    {
        /// <summary>No complete frame yet: feed more bytes.</summary>
        NeedMoreData = 0,

        /// <summary>A frame passed every check: <see cref="FrameDecoder.Frame"/> holds it.</summary>
        Ok = 1,

        /// <summary>A frame was rejected: <see cref="FrameDecoder.Reason"/> says why.</summary>
        Malformed = 2,
    }
}
