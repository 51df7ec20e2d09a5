package main

import (
	"fmt"
	"io"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// InstallDependencies installs a program's dependencies with its toolchain, streaming the output
// to the engine. For pip with a virtualenv that is `python3 -m venv <virtualenv>` (which leaves an
// existing one in place), `pip install --upgrade pip setuptools wheel`, then
// `pip install -r requirements.txt` in the program directory; for poetry and uv their own install
// commands. `useLanguageVersionTools` (pyenv) is passed on as asked.
func (host *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return langhost.StreamInstall(req, server, func(stdout, stderr io.Writer) error {
		info := req.GetInfo()
		tc, _, err := resolveToolchain(info, req.GetIsPlugin())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Installing dependencies...\n\n")
		if err := tc.InstallDependencies(server.Context(), info.GetProgramDirectory(), req.GetUseLanguageVersionTools(),
			true /*showOutput*/, stdout, stderr); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
		return nil
	})
}
