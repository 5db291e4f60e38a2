return EdgeSensor.Cli.CommandLine.Run(args, Console.Out, Console.Error);
