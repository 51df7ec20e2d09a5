package langhost

import (
	"io"
	"os"
	"os/exec"
)

// showOutput sends a program's output to our stdout and stderr, which the engine shows. The
// writers are wrapped so that exec copies through pipes instead of handing the program our file
// descriptors: node, for one, may switch its stdio to non-blocking mode, which would break our own
// writes.
func showOutput(cmd *exec.Cmd) {
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
}
