using System.Runtime.CompilerServices;
using GobiernoElectronico.Diagnostics;
using GobiernoElectronico.Pipeline;
using GobiernoElectronico.Site;
using GobiernoElectronico.Write;

namespace GobiernoElectronico.Tests.Support;

/// <summary>What <c>ge serve</c> does after each build: its output folder, kept in line by a <see cref="SiteMirror"/> per builder.</summary>
public static class MirrorExtensions
{
    private static readonly ConditionalWeakTable<IncrementalBuilder, SiteMirror> Mirrors = [];

    public static bool Write(this IncrementalBuilder builder, IReadOnlyList<OutputFile> files, DiagnosticBag diagnostics) =>
        Mirrors.GetValue(builder, b => new SiteMirror(b.Options.OutputRoot)).Update(files, diagnostics);
}
