import { redactUrlCredentials } from './url-credentials';

describe('redactUrlCredentials', () => {
  it('redacts credential query parameters URL-encoded and leaves the others', () => {
    expect(redactUrlCredentials('/v1/x?api-version=2024-06-01&apikey=s3cr3t&key=k%2B1')).toEqual({
      url: '/v1/x?api-version=2024-06-01&apikey=%5Bredacted%5D&key=%5Bredacted%5D',
      credentials: [
        { name: 'apikey', secret: 's3cr3t', replaced: 's3cr3t' },
        { name: 'key', secret: 'k+1', replaced: 'k%2B1' },
      ],
    });
  });

  it('leaves URLs without credentials, and values already redacted, as they are', () => {
    for (const url of ['https://a.example/x?api-version=1', '/x?subscription-key=%5Bredacted%5D&code=']) {
      expect(redactUrlCredentials(url)).toEqual({ url, credentials: [] });
    }
  });
});
