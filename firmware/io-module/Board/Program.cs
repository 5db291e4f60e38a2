// NOT COMPILED HERE: needs Esp32Board (nanoFramework packages). Built only from nano/IoModule.nfproj.
using Edge.IoModule.Firmware.Board;

namespace Edge.IoModule.Firmware
{
    public static class Program
    {
        public static void Main()
        {
            Esp32Board board = new Esp32Board();
            new ModuleLoop(board, board, board).Run();
        }
    }
}
