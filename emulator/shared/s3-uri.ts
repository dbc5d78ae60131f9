/* S3 URIs as Bedrock's requests give them: `s3://<bucket>/<key or prefix>`. */

/** The bucket and the path of `s3://<bucket>/<path>`; the path without its trailing slashes. Throws for another URI. */
export function parseS3Uri(uri: string): { readonly bucket: string; readonly prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`Not an S3 URI: ${uri}`);
  return { bucket: match[1], prefix: match[2].replace(/\/+$/, '') };
}

/** The bucket and the folder of `s3://<bucket>/<prefix>`: the prefix with one trailing slash, or '' for the whole bucket. */
export function s3Folder(uri: string): { readonly bucket: string; readonly prefix: string } {
  const { bucket, prefix } = parseS3Uri(uri);
  return { bucket, prefix: prefix === '' ? '' : `${prefix}/` };
}
