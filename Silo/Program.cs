using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Obscuro.Silo;
using Obscuro.Silo.Devnet;

// Configuration, later sources winning: appsettings.json and appsettings.{Environment}.json beside the executable
// (whatever the working directory), environment variables (Obscuro__Role=enclave, Orleans__Metadata__tee=simulated),
// then the command line (--role enclave, --tee simulated). A relative data directory starts at the working directory.
if (args.Length > 0 && args[0] == "devnet")
{
    return await DevnetCommand.RunAsync(args[1..]);
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, SiloCommandLine.SwitchMappings);
builder.UseOrleans(silo => silo.UseObscuroClustering().UseObscuroSilo());
await builder.Build().RunAsync();
return 0;
