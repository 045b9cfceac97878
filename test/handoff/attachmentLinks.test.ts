import { attachmentLinks } from '../../src/handoff/attachmentLinks.js';

describe('attachmentLinks', () => {
  it('turns files into their links and a location into a map link, a sticker into a sticker, and drops anything that is not http(s)', () => {
    expect(
      attachmentLinks([
        { contentType: 'messenger/image', contentUrl: 'https://scontent.xx.fbcdn.net/v/abc.jpg' },
        { contentType: 'messenger/file', contentUrl: 'https://cdn.example/don.pdf', name: 'don.pdf' },
        { contentType: 'application/vnd.location', content: { lat: 10.7769, long: 106.7009 } },
        { contentType: 'messenger/image', contentUrl: 'javascript:alert(1)' },
        { contentType: 'messenger/audio' },
        { contentType: 'application/vnd.sticker', contentUrl: 'https://scontent.xx.fbcdn.net/v/like.png' },
      ]),
    ).toEqual([
      { kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/abc.jpg' },
      { kind: 'file', url: 'https://cdn.example/don.pdf', name: 'don.pdf' },
      { kind: 'location', url: 'https://www.openstreetmap.org/?mlat=10.7769&mlon=106.7009' },
      { kind: 'sticker', url: 'https://scontent.xx.fbcdn.net/v/like.png' },
    ]);
    expect(attachmentLinks(undefined)).toEqual([]);
  });
});
