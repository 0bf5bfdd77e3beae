// Command kube-apiserver is the upstream API server, built from the pinned
// k8s.io/kubernetes module so tests run against the real control plane.
package main

import (
	"os"
	_ "time/tzdata" // CronJob time zones, as upstream's own main imports

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}
