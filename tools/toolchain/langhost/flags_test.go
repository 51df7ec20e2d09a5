package langhost

import (
	"reflect"
	"testing"
)

func TestParseFlags(t *testing.T) {
	none := map[string]string{}
	cases := []struct {
		name string
		args []string
		want Flags
	}{
		{"engine only", []string{"127.0.0.1:1234"}, Flags{EngineAddress: "127.0.0.1:1234", HostValues: none}},
		{"engine logging flags", []string{"--logtostderr", "-v=9", "--tracing", "http://zipkin", "127.0.0.1:1"},
			Flags{EngineAddress: "127.0.0.1:1", LogToStderr: true, Verbose: 9, Tracing: "http://zipkin", HostValues: none}},
		{"unknown flags are skipped", []string{"-root", "/proj", "-x", "--other=1", "127.0.0.1:2"},
			Flags{EngineAddress: "127.0.0.1:2", HostValues: none}},
		{"host flags", []string{"-mine", "a", "--yours=b", "-mine=c", "127.0.0.1:3"},
			Flags{EngineAddress: "127.0.0.1:3", HostValues: map[string]string{"mine": "c", "yours": "b"}}},
		{"host flag given empty", []string{"-mine="}, Flags{HostValues: map[string]string{"mine": ""}}},
		{"after --", []string{"-logflow", "--", "-v", "127.0.0.1:4"},
			Flags{EngineAddress: "127.0.0.1:4", LogFlow: true, HostValues: none}},
		{"no engine", []string{"-version"}, Flags{ShowVersion: true, HostValues: none}},
		{"bool false", []string{"-version=false"}, Flags{HostValues: none}},
	}
	for _, c := range cases {
		if got := ParseFlags(c.args, "mine", "yours"); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: ParseFlags(%q) = %+v, want %+v", c.name, c.args, got, c.want)
		}
	}
}
