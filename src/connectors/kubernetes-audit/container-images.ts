import { getField } from '../shared/document-paths';

/** Where workload objects keep their pod spec: pods, workload templates, cron job templates. */
const POD_SPECS = ['spec', 'spec.template.spec', 'spec.jobTemplate.spec.template.spec'];

/** Container images of the pod spec in a request body (Elastic maps `requestObject.spec.containers.image`). */
export function containerImages(requestObject: unknown): string[] {
  const images: string[] = [];
  for (const specPath of POD_SPECS) {
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      const containers = getField(requestObject, `${specPath}.${list}`);
      if (!Array.isArray(containers)) continue;
      for (const container of containers) {
        const image = getField(container, 'image');
        if (typeof image === 'string' && image !== '' && !images.includes(image)) images.push(image);
      }
    }
  }
  return images;
}
