using System.CommandLine;
using GobiernoElectronico.Cli.Serve;
using GobiernoElectronico.Pipeline;

namespace GobiernoElectronico.Cli;

/// <summary><c>ge serve</c>: a local preview server with live reload.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var content = new Option<string>("--content") { Description = "content folder", DefaultValueFactory = _ => "content" };
        var templates = new Option<string>("--templates") { Description = "templates folder", DefaultValueFactory = _ => "templates" };
        var output = new Option<string>("--output", "-o") { Description = "folder the site is built into, kept up to date and served from", DefaultValueFactory = _ => "site" };
        var host = new Option<string>("--host") { Description = "address to listen on (loopback by default)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "port to listen on", DefaultValueFactory = _ => 8080 };
        var noWatch = new Option<bool>("--no-watch") { Description = "serve the site as built, without watching for changes" };
        var command = new Command("serve", "Build, serve the site on http://127.0.0.1:8080/ with /api/search, and rebuild and reload pages on every change.")
        {
            content, templates, output, host, port, noWatch,
        };
        command.SetAction(async (parse, cancel) =>
        {
            using var builder = new IncrementalBuilder(new BuildOptions(parse.GetValue(content)!, parse.GetValue(templates)!, parse.GetValue(output)!), holdFiles: false);
            using var server = new DevServer(builder, !parse.GetValue(noWatch), Console.Out);
            try
            {
                return await server.RunAsync(parse.GetValue(host)!, parse.GetValue(port), cancel);
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"ge serve: cannot listen on {parse.GetValue(host)}:{parse.GetValue(port)}: {e.Message.TrimEnd('.')}; choose another --port");
                return 1;
            }
        });
        return command;
    }
}
