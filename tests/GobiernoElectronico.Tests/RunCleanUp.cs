using GobiernoElectronico.Tests.Support;

namespace GobiernoElectronico.Tests;

/// <summary>Removes the run's shared folders (<see cref="RunFolders"/>) once every test of the assembly has run: a set-up
/// fixture of the namespace every test is in.</summary>
[SetUpFixture]
public sealed class RunCleanUp
{
    [OneTimeTearDown]
    public void RemoveRunFolders() => RunFolders.RemoveAll();
}
