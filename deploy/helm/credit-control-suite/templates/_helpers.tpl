{{/*
Hand-written helpers of the chart (the other templates are generated: deploy/helm/generate-chart).
*/}}

{{/* The helm.sh/chart label: name-version */}}
{{- define "credit-control-suite.chart" -}}
{{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
{{- end }}

{{/*
The image of one service, called as (list . "limits"): services.<name>.image.repository or
<image.registry>/<name>-service, and services.<name>.image.tag, image.tag or the chart's appVersion.
*/}}
{{- define "credit-control-suite.image" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $image := (index $root.Values.services $name).image | default dict -}}
{{- $repository := $image.repository | default (printf "%s/%s-service" $root.Values.image.registry $name) -}}
{{- $tag := $image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end }}
