package langhost

import (
	"io"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// StreamInstall serves an InstallDependencies call: install runs with writers that stream its
// output to the engine (as a terminal if the engine's is one), which are flushed and closed once
// it returns.
func StreamInstall(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
	install func(stdout, stderr io.Writer) error,
) error {
	stream := &LockedStream[pulumirpc.InstallDependenciesResponse]{ServerStreamingServer: server}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(stream, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := install(stdout, stderr); err != nil {
		return err
	}
	return closer.Close()
}
