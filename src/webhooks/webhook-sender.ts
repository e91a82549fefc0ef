import { Injectable } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { InvalidInputError } from '../common/errors';
import { AppConfig } from '../config';
import { isPublicAddress } from './address-policy';

export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  /** The start of the response body, for the delivery log. */
  response: string | null;
  error: string | null;
}

const TIMEOUT_MS = 5_000;
const EXCERPT_CHARS = 500;

/**
 * Sends webhook requests. Unless private targets are allowed, every address a host name resolves to must
 * be public, checked when the endpoint is registered and again in the connection's own DNS lookup, so
 * a name that later resolves to an internal address (DNS rebinding) is refused at delivery.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: AppConfig) {}

  /** Refuses URLs a webhook may not target (scheme, credentials, private addresses). */
  async assertAllowedTarget(raw: string): Promise<URL> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new InvalidInputError('url must be an absolute http(s) URL');
    }
    const allowPrivate = this.config.webhooks.allowPrivateTargets;
    if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
      throw new InvalidInputError('url must use https');
    if (url.username || url.password) throw new InvalidInputError('url must not carry credentials');
    if (!allowPrivate) {
      const addresses = await resolveAll(url.hostname).catch(() => {
        throw new InvalidInputError(`The host ${url.hostname} cannot be resolved`);
      });
      if (addresses.some((a) => !isPublicAddress(a.address)))
        throw new InvalidInputError('url points to a private, loopback or link-local address');
    }
    return url;
  }

  async post(rawUrl: string, body: string, headers: Record<string, string>): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = await this.assertAllowedTarget(rawUrl);
    } catch (error) {
      return {
        statusCode: null,
        latencyMs: elapsed(),
        response: null,
        error: (error as Error).message,
      };
    }
    const options: RequestOptions = {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'AdaptiveLearning-Webhooks/1',
      },
      timeout: TIMEOUT_MS,
      lookup: this.config.webhooks.allowPrivateTargets ? undefined : publicOnlyLookup,
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendResult>((resolve) => {
      const req = send(url, options, (res) => {
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (excerpt.length < EXCERPT_CHARS) excerpt += chunk;
        });
        res.on('end', () =>
          resolve({
            statusCode: res.statusCode ?? null,
            latencyMs: elapsed(),
            response: excerpt.slice(0, EXCERPT_CHARS),
            error: null,
          }),
        );
        res.on('error', (error) =>
          resolve({
            statusCode: res.statusCode ?? null,
            latencyMs: elapsed(),
            response: null,
            error: error.message,
          }),
        );
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      req.on('error', (error) =>
        resolve({ statusCode: null, latencyMs: elapsed(), response: null, error: error.message }),
      );
      req.end(body);
    });
  }
}

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname.replace(/^\[|\]$/g, ''), { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/** The connection's DNS lookup, refusing any non-public answer. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const list = addresses as LookupAddress[];
    const blocked = list.find((a) => !isPublicAddress(a.address));
    if (blocked || list.length === 0)
      return callback(new Error(`${hostname} resolves to a non-public address`), '', 4);
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};
