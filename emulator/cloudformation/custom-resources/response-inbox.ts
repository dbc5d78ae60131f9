import { Clock } from '../clock';

/** A body PUT to a response URL. */
export interface ResponseUpload {
  readonly url: string;
  readonly body: string;
  readonly receivedAt: Date;
}

/**
 * The S3 bucket behind CloudFormation's presigned response URLs: keeps every
 * upload by URL (the first one is the answer, or the last with the engine's
 * customResourceLastResponseCounts; the others are kept to be seen).
 */
export class ResponseInbox {
  private readonly uploads = new Map<string, ResponseUpload[]>();

  constructor(private readonly clock: Clock) {}

  public receive(url: string, body: string): void {
    const uploads = this.uploads.get(url) ?? [];
    uploads.push({ url, body, receivedAt: new Date(this.clock.now()) });
    this.uploads.set(url, uploads);
  }

  public uploadsTo(url: string): readonly ResponseUpload[] {
    return this.uploads.get(url) ?? [];
  }
}
