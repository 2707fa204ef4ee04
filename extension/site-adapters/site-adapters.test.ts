// @vitest-environment happy-dom
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SITE_NAMES } from '../../wasm-core/behaviour/assistant-names.ts';
import type { ChatTurn } from '../../wasm-core/types.ts';
import { adapterForHost, SITE_ADAPTERS } from './adapter-for-host.ts';
import { SUPPORTED_HOSTS } from './hosts.ts';
import { cleanModelName, MAX_MODEL_NAME_LENGTH } from './model-name.ts';
import type { SiteAdapter } from './site-adapter.ts';
import {
  CAPTURES_DIR,
  capturesExist,
  FIXTURE_DIR,
  type FixtureHooks,
  loadFixtureIntoTestDocument,
  loadStaticPage,
} from './testing/chat-pages.ts';
import { createTurnWatcher, type TurnWatcher } from './turn-watcher.ts';

/** What an adapter must read from one page. */
interface PageCase {
  page: string;
  url: string;
  site: string;
  conversationId: string | null;
  turns: {
    messageId: string;
    startsWith: string;
    endsWith?: string;
    /** Chrome, reasoning or labels that must not leak into the reply's text. */
    excludes?: string[];
    userStartsWith?: string;
    /** The model name the page shows for the turn; absent: the page names none. */
    model?: string;
  }[];
}

function adapterFor(url: string): SiteAdapter {
  const adapter = adapterForHost(new URL(url).host);
  if (!adapter) throw new Error(`no adapter for ${url}`);
  return adapter;
}

function checkPage(path: string, c: PageCase): void {
  const adapter = adapterFor(c.url);
  expect(adapter.site).toBe(c.site);
  expect(adapter.conversationId(new URL(c.url))).toBe(c.conversationId);
  const page = loadStaticPage(path, c.url);
  try {
    const turns = adapter.findAssistantTurns(page.document);
    expect(turns.map((turn, i) => adapter.messageId(turn, i))).toEqual(c.turns.map((t) => t.messageId));
    turns.forEach((turn, i) => {
      const expected = c.turns[i];
      if (!expected) throw new Error('unreachable: ids matched');
      const text = adapter.turnText(turn);
      expect(
        text.startsWith(expected.startsWith),
        `text of ${expected.messageId}: ${text.slice(0, 80)}`,
      ).toBe(true);
      if (expected.endsWith) expect(text.endsWith(expected.endsWith), `end: ${text.slice(-80)}`).toBe(true);
      for (const excluded of expected.excludes ?? []) expect(text).not.toContain(excluded);
      const user = adapter.previousUserText(turn);
      if (expected.userStartsWith === undefined) expect(user).toBeUndefined();
      else expect(user?.startsWith(expected.userStartsWith), `user text: ${user?.slice(0, 80)}`).toBe(true);
      expect(adapter.model(turn), `model of ${expected.messageId}`).toBe(expected.model);
      // Saved pages and fixtures at rest hold finished replies only.
      expect(adapter.isStreaming(turn, i === turns.length - 1)).toBe(false);
    });
  } finally {
    void page.close();
  }
}

const MEAL_PLAN_QUESTION = 'Can you suggest a simple weekly meal plan';

const FIXTURE_CASES: PageCase[] = [
  {
    page: 'chatgpt.html',
    url: 'https://chatgpt.com/c/fixture-1',
    site: 'chatgpt',
    conversationId: 'fixture-1',
    turns: [
      {
        messageId: 'b7e4f0a3-2c19-4d6e-8f0b-5a9c3e1d2f64',
        startsWith: "Great question — it's really smart that you're planning ahead.",
        endsWith: 'Want me to turn this into a shopping list for the week?',
        excludes: ['ChatGPT said', 'Copy', 'Good response'],
        userStartsWith: MEAL_PLAN_QUESTION,
        model: 'gpt-5',
      },
    ],
  },
  {
    page: 'claude.html',
    url: 'https://claude.ai/chat/fixture-1',
    site: 'claude',
    conversationId: 'fixture-1',
    turns: [
      {
        messageId: 'i0',
        startsWith: "That's a great goal, and you're already doing the hard part by planning.",
        endsWith: "which helps when you're cooking for one.",
        excludes: ['Claude responded', 'Retry'],
        userStartsWith: MEAL_PLAN_QUESTION,
      },
    ],
  },
  {
    page: 'gemini.html',
    url: 'https://gemini.google.com/app/fixture-1',
    site: 'gemini',
    conversationId: 'fixture-1',
    turns: [
      {
        messageId: 'r_8d4c1f2a9b7e6053',
        startsWith: 'Eating more vegetables when you cook for one',
        endsWith: "won't spoil before you use them.",
        excludes: ['Good response', 'Listen'],
        userStartsWith: MEAL_PLAN_QUESTION,
      },
    ],
  },
  {
    page: 'generic.html',
    url: 'https://chat.mistral.ai/chat/fixture-1',
    site: 'mistral',
    conversationId: 'fixture-1',
    turns: [
      {
        messageId: '9d3a5e72-1f08-4b6c-a4d9-3c7e2b8f5061',
        startsWith: 'Sure! A few batch-cooked basics go a long way',
        endsWith: "they're as nutritious as fresh and don't spoil.",
        excludes: ['The user cooks for one', 'Worked for', '7:42pm'],
        userStartsWith: MEAL_PLAN_QUESTION,
      },
    ],
  },
];

const CAPTURE_CASES: PageCase[] = [
  {
    page: 'chatgpt-a.html',
    url: 'https://chatgpt.com/c/6921a0b4-5c38-8324-9a1e-3f6c0b2d7e15',
    site: 'chatgpt',
    conversationId: '6921a0b4-5c38-8324-9a1e-3f6c0b2d7e15',
    turns: [
      {
        messageId: 'b9362a13-afba-4c85-b669-d6b5a05ece3d',
        startsWith: '1. 질문 정리\n전체 페이지 HTML이 너무 커서,',
        endsWith: '가장 깔끔하다.',
        excludes: ['코드 복사', '15s 동안 생각함', 'ChatGPT의 말'],
        userStartsWith: '전체 복사는 확실히 너무 사이즈가 크다.',
        model: 'gpt-5-1-thinking',
      },
    ],
  },
  {
    page: 'chatgpt-edge-000.html',
    url: 'https://chatgpt.com/c/edge-000',
    site: 'chatgpt',
    conversationId: 'edge-000',
    turns: [
      {
        messageId: '1a641fa0-07ea-4db1-a944-0d551cbfaa5e',
        startsWith: '결론\n이 글의 핵심 태도는 대체로 옳지만,',
        // Citation pills ("LinkedIn+1") and the thinking time are chrome around the reply.
        excludes: ['LinkedIn+1', '22s 동안 처리함'],
        userStartsWith: '인터넷에서 본 아래 글에 대한 너의 생각은?',
        model: 'gpt-5-6-thinking',
      },
    ],
  },
  {
    // A long thread: several assistant turns, some rows virtualised away (empty), one turn with no message.
    page: 'chatgpt-edge-001.html',
    url: 'https://chatgpt.com/g/g-p-68a1/c/edge-001',
    site: 'chatgpt',
    conversationId: 'edge-001',
    turns: [
      {
        messageId: 'e0ca8c51-8050-4369-b571-6bf444f25e46',
        startsWith: '결론\n말씀하신 내용은 대체로 맞지만',
        userStartsWith: '반도체 수요에 비해 데이터센터가 부족하다고 들었음.',
        model: 'gpt-5-6-thinking',
      },
      {
        messageId: '5f718463-b935-449f-9c57-b1e5d85cf6b9',
        startsWith: '가능합니다. 핵심은 수요가 사라지기보다',
        userStartsWith: '반도체 수요에 비해 데이터센터가 부족하다고 들었음.',
        model: 'gpt-5-6-thinking',
      },
      {
        messageId: 'd361d043-d9b8-48bb-8bde-78e0e88d7276',
        startsWith: '총평\n이 답변은 시나리오를 만드는 사고 틀로는',
        userStartsWith: '같은 요청에 대해 다른 관점의 대답.',
        model: 'gpt-5-6-thinking',
      },
      {
        messageId: 'cf5981b3-4e02-481f-b869-af6600372661',
        startsWith: '먼저 평가\n추가 답변의 핵심 비판은',
        userStartsWith: '이전 너의 대답에 대한 다른 AI의 답변.',
        model: 'gpt-5-6-thinking',
      },
    ],
  },
  {
    page: 'chatgpt-edge-002.html',
    url: 'https://chatgpt.com/c/edge-002',
    site: 'chatgpt',
    conversationId: 'edge-002',
    turns: [
      {
        messageId: 'e798532c-cdb7-4ada-9e79-859591108969',
        startsWith: '가능합니다.\n다만 이 PDF는',
        // The user's text bubble, not the attachment card above it.
        userStartsWith: '다음의 PDF 파일은 이미지 만으로 된 PDF 파일인데',
        model: 'gpt-5-5',
      },
      {
        messageId: 'c77bc8df-ef40-4e41-848a-48fff651e0b8',
        startsWith: '다음은 업로드하신 PDF를 OCR하여',
        userStartsWith: 'OCR + 보기 좋게 정리(표 포함)',
        model: 'gpt-5-5',
      },
    ],
  },
  {
    // Image-generation replies carry no assistant message element and no text.
    page: 'chatgpt-edge-003.html',
    url: 'https://chatgpt.com/c/edge-003',
    site: 'chatgpt',
    conversationId: 'edge-003',
    turns: [],
  },
  {
    page: 'claude-a.html',
    url: 'https://claude.ai/chat/5b2e8f4c-0d7a-4c1e-9f36-8a0b1d2c3e4f',
    site: 'claude',
    conversationId: '5b2e8f4c-0d7a-4c1e-9f36-8a0b1d2c3e4f',
    turns: [
      {
        messageId: 'i0',
        startsWith: '질문-답변 1쌍만 추출하는 방법\nChatGPT',
        endsWith: '파서 로직 작성해줄게.',
        excludes: ['코드를 실행하려면'],
        userStartsWith: '전체 복사는 확실히 너무 사이즈가 크다.',
      },
    ],
  },
  {
    // Thinking and web-search panels sit inside the reply container but are not the reply.
    page: 'claude-edge-000.html',
    url: 'https://claude.ai/chat/edge-000',
    site: 'claude',
    conversationId: 'edge-000',
    turns: [
      {
        messageId: 'i0',
        startsWith: '현재 한국 구인 시장에서 당신 프로필에 맞는 포지션을 찾아보겠습니다.',
        endsWith: '원티드나 직접 지원 검토해보세요.',
        excludes: ['사용자가 현재 구인 시장에서 자신에게', '결과 10개', '사용자 프로필을 분석하고'],
      },
    ],
  },
  {
    page: 'claude-edge-001.html',
    url: 'https://claude.ai/chat/edge-001',
    site: 'claude',
    conversationId: 'edge-001',
    turns: [
      {
        messageId: 'i0',
        startsWith: '좋은 범위의 질문이라 말하고 싶지만 그 대신 계획부터 말하겠습니다.',
        excludes: ['Claude responded', '구조화하며 다이어그램 배치와 검증 조사를 준비 중'],
        userStartsWith: '전기의 생산부터, 배전, GPU, 데이터센터,',
        // The composer's model picker, labelled "Model: Fable 5 Max".
        model: 'Fable 5 Max',
      },
    ],
  },
  {
    page: 'claude-edge-002.html',
    url: 'https://claude.ai/chat/edge-002',
    site: 'claude',
    conversationId: 'edge-002',
    turns: [
      {
        messageId: 'i0',
        startsWith: '그림 자체는 만들 수 있는데, 솔직하게 전제 하나:',
        endsWith: '다음 그림을 더 정확하게 만든다.',
        excludes: ['야경 책상 장면을 시각적으로 구성했습니다'],
      },
    ],
  },
  {
    page: 'gemini-a.html',
    url: 'https://gemini.google.com/app/20f51d8e9294490e',
    site: 'gemini',
    conversationId: '20f51d8e9294490e',
    turns: [
      {
        messageId: 'r_20f51d8e9294490e',
        startsWith: '1. 질문 정리 (Context Refinement)\n사용자의 의도:',
        excludes: ['생각하는 과정 표시', '코드 복사', 'Plaintext'],
        userStartsWith: '전체 복사는 확실히 너무 사이즈가 크다.',
      },
    ],
  },
  {
    page: 'deepseek-a.html',
    url: 'https://chat.deepseek.com/a/chat/s/0d6c4f2e-9b1a-4e7d-8c35-2f0a1b3c4d5e',
    site: 'deepseek',
    conversationId: '0d6c4f2e-9b1a-4e7d-8c35-2f0a1b3c4d5e',
    turns: [
      {
        messageId: '2',
        startsWith: 'I recently realized that curiosity can spark remarkable discoveries',
        excludes: ['Thought for 37 seconds', 'Copy', 'Download'],
        userStartsWith: 'Please write a short response that includes:',
      },
    ],
  },
  {
    page: 'meta-a.html',
    url: 'https://www.meta.ai/prompt/7463135159531973146',
    site: 'meta',
    conversationId: '7463135159531973146',
    turns: [
      {
        messageId: 'd6feeb65-bf42-43f6-a5fa-a4021eb5dbd3_7463135159531973146_assistant',
        startsWith: 'Bold ideas travel fast, italic doubts linger longer',
        excludes: ['Copy response', 'Today'],
        userStartsWith: 'Please write a short response that includes:',
      },
    ],
  },
  {
    page: 'mistral-a.html',
    url: 'https://chat.mistral.ai/chat/acf754c0-ed35-466e-b71a-3186abafeb13',
    site: 'mistral',
    conversationId: 'acf754c0-ed35-466e-b71a-3186abafeb13',
    turns: [
      {
        messageId: 'e08fe1b6-9087-4355-87a0-a1c653c8aa4a',
        startsWith: 'Here you go:\nThis is a bold statement with italic emphasis',
        excludes: ['The user wants a short response', 'Worked for', '1:04pm'],
        userStartsWith: 'Please write a short response that includes:\n1. A paragraph',
      },
    ],
  },
  {
    page: 'perplexity-a.html',
    url: 'https://www.perplexity.ai/search/please-write-a-short-response-Xk3.9qLzT0aBcDeFgHiJkA',
    site: 'perplexity',
    conversationId: 'please-write-a-short-response-Xk3.9qLzT0aBcDeFgHiJkA',
    turns: [
      {
        messageId: 'i0',
        startsWith: "Here's a response hitting all four elements:",
        endsWith: 'e, i, π, 1, and 0.',
        excludes: ['Copy code', 'elixirdefmodule', 'Show more'],
        userStartsWith: 'Please write a short response that includes:',
      },
    ],
  },
];

describe('site adapters on the project fixtures', () => {
  it.each(FIXTURE_CASES)('$page at $url', (c) => checkPage(join(FIXTURE_DIR, c.page), c));
});

if (!capturesExist) {
  console.info(`Saved pages of the real sites not found at ${CAPTURES_DIR}; skipping the capture checks.`);
}

describe.skipIf(!capturesExist)('site adapters on pages saved from the real sites', () => {
  it.each(CAPTURE_CASES)('$page at $url', (c) => checkPage(join(CAPTURES_DIR, c.page), c));
});

describe('model names', () => {
  it.each([
    { raw: 'gpt-5-1-thinking', name: 'gpt-5-1-thinking' },
    { raw: '  Fable 5 \n  Max ', name: 'Fable 5 Max' },
    { raw: 'a|b', name: 'a b' },
    { raw: '   ', name: undefined },
    { raw: '', name: undefined },
    { raw: null, name: undefined },
    { raw: undefined, name: undefined },
    { raw: 'x'.repeat(MAX_MODEL_NAME_LENGTH), name: 'x'.repeat(MAX_MODEL_NAME_LENGTH) },
    { raw: 'x'.repeat(MAX_MODEL_NAME_LENGTH + 1), name: undefined },
  ])('$raw → $name', ({ raw, name }) => {
    expect(cleanModelName(raw)).toBe(name);
  });

  const claudeTurn = '<div data-is-streaming="false"><div class="standard-markdown"><p>Hi.</p></div></div>';
  it.each([
    {
      name: 'the picker label without its prefix',
      picker: '<button data-testid="model-selector-dropdown" aria-label="Model: Fable 5 Max">x</button>',
      model: 'Fable 5 Max',
    },
    {
      name: "the picker's text when its label is not a model label",
      picker: '<button data-testid="model-selector-dropdown"><span>Fable  5</span> <span>Max</span></button>',
      model: 'Fable 5 Max',
    },
    { name: 'nothing without a picker', picker: '', model: undefined },
  ])('claude reads $name', ({ picker, model }) => {
    document.body.innerHTML = `<main>${claudeTurn}</main><footer>${picker}</footer>`;
    const adapter = adapterFor('https://claude.ai/chat/x');
    const [turn] = adapter.findAssistantTurns(document);
    expect(turn && adapter.model(turn)).toBe(model);
  });

  it('chatgpt reads the slug on each reply, and nothing when a reply has none', () => {
    document.body.innerHTML = [
      '<div data-message-author-role="assistant" data-message-id="a" data-message-model-slug="gpt-4o"><div class="markdown">A</div></div>',
      '<div data-message-author-role="assistant" data-message-id="b"><div class="markdown">B</div></div>',
    ].join('');
    const adapter = adapterFor('https://chatgpt.com/c/x');
    expect(adapter.findAssistantTurns(document).map((turn) => adapter.model(turn))).toEqual([
      'gpt-4o',
      undefined,
    ]);
  });
});

describe('adapter lookup and conversation ids', () => {
  it('has a name people know for every adapter’s site', () => {
    for (const adapter of SITE_ADAPTERS) expect(SITE_NAMES[adapter.site], adapter.site).toBeTruthy();
  });

  it('has exactly one adapter for every supported host, and none for others', () => {
    for (const host of SUPPORTED_HOSTS) {
      expect(SITE_ADAPTERS.filter((a) => a.hosts.includes(host)).map((a) => a.site)).toHaveLength(1);
    }
    const claimed = SITE_ADAPTERS.flatMap((a) => a.hosts);
    expect([...claimed].sort()).toEqual([...SUPPORTED_HOSTS].sort());
    expect(adapterForHost('example.com')).toBeUndefined();
    expect(adapterForHost('ChatGPT.com')?.site).toBe('chatgpt');
  });

  it.each([
    {
      url: 'https://chatgpt.com/c/67a0c1d2-aaaa-bbbb-cccc-0123456789ab',
      id: '67a0c1d2-aaaa-bbbb-cccc-0123456789ab',
    },
    { url: 'https://chatgpt.com/g/g-abc123-helper/c/abc?model=gpt-5', id: 'abc' },
    { url: 'https://chat.openai.com/c/legacy-1', id: 'legacy-1' },
    { url: 'https://chatgpt.com/', id: null },
    { url: 'https://chatgpt.com/?temporary-chat=true', id: null },
    { url: 'https://claude.ai/chat/7c1d-22', id: '7c1d-22' },
    { url: 'https://claude.ai/new', id: null },
    { url: 'https://gemini.google.com/app/5e1f0c2b9a7d3e41', id: '5e1f0c2b9a7d3e41' },
    { url: 'https://gemini.google.com/u/1/app/5e1f0c2b9a7d3e41?hl=en', id: '5e1f0c2b9a7d3e41' },
    { url: 'https://gemini.google.com/gem/coding-partner/77aa', id: '77aa' },
    { url: 'https://gemini.google.com/app', id: null },
    { url: 'https://www.perplexity.ai/search/why-is-the-sky-blue-abc', id: 'why-is-the-sky-blue-abc' },
    { url: 'https://chat.deepseek.com/a/chat/s/9f0e', id: '9f0e' },
    { url: 'https://chat.mistral.ai/chat/3c2b', id: '3c2b' },
    { url: 'https://www.meta.ai/prompt/123', id: '123' },
    { url: 'https://copilot.microsoft.com/chats/Ab12', id: 'Ab12' },
    { url: 'https://grok.com/c/0a1b', id: '0a1b' },
    { url: 'https://poe.com/chat/2x9', id: '2x9' },
    { url: 'https://character.ai/chat/char-7', id: 'char-7' },
    { url: 'https://chatgpt.com/c/caf%C3%A9', id: 'café' },
  ])('$url → $id', ({ url, id }) => {
    expect(adapterFor(url).conversationId(new URL(url))).toBe(id);
  });
});

/** Fixture pages run in the test document under fake timers, so streaming and settling are deterministic. */
const LIVE_CASES: { page: string; url: string; existing: string; model?: string }[] = [
  {
    page: 'chatgpt.html',
    url: 'https://chatgpt.com/c/fixture-1',
    existing: 'b7e4f0a3-2c19-4d6e-8f0b-5a9c3e1d2f64',
    model: 'gpt-5',
  },
  { page: 'claude.html', url: 'https://claude.ai/chat/fixture-1', existing: 'i0' },
  { page: 'gemini.html', url: 'https://gemini.google.com/app/fixture-1', existing: 'r_8d4c1f2a9b7e6053' },
  {
    page: 'generic.html',
    url: 'https://chat.mistral.ai/chat/fixture-1',
    existing: '9d3a5e72-1f08-4b6c-a4d9-3c7e2b8f5061',
  },
];

const paragraphsOf = (text: string) => text.split(/\n{2,}/).join('\n');

describe.each(LIVE_CASES)('streaming and the turn watcher on $page', ({ page, url, existing, model }) => {
  let fixture: FixtureHooks;
  let adapter: SiteAdapter;
  let watcher: TurnWatcher | undefined;
  let emitted: { turn: ChatTurn; element: Element; key: string }[];
  let known: { key: string; element: Element }[];

  beforeEach(() => {
    vi.useFakeTimers();
    fixture = loadFixtureIntoTestDocument(page, url);
    adapter = adapterFor(url);
    emitted = [];
    known = [];
  });

  afterEach(() => {
    watcher?.stop();
    watcher = undefined;
    vi.useRealTimers();
  });

  function startWatcher(): TurnWatcher {
    watcher = createTurnWatcher({
      adapter,
      document,
      onTurn: (turn, element, key) => emitted.push({ turn, element, key }),
      onKnownTurn: (key, element) => known.push({ key, element }),
    });
    watcher.start();
    return watcher;
  }

  const lastTurn = () => adapter.findAssistantTurns(document).at(-1) as Element;
  const streamingStates = () => {
    const turns = adapter.findAssistantTurns(document);
    return turns.map((turn, i) => adapter.isStreaming(turn, i === turns.length - 1));
  };

  it('reports streaming while the reply grows, and the full reply after', async () => {
    expect(streamingStates()).toEqual([false]);
    const done = fixture.streamReply(undefined, { chunks: 6, intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(250);
    expect(fixture.isStreaming()).toBe(true);
    expect(streamingStates()).toEqual([false, true]);
    const partial = adapter.turnText(lastTurn());
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(paragraphsOf(fixture.demoReply).length);
    await vi.advanceTimersByTimeAsync(1000);
    const { messageId } = await done;
    expect(streamingStates()).toEqual([false, false]);
    const turns = adapter.findAssistantTurns(document);
    expect(adapter.messageId(lastTurn(), turns.length - 1)).toBe(messageId);
    expect(adapter.turnText(lastTurn())).toBe(paragraphsOf(fixture.demoReply));
    expect(adapter.previousUserText(lastTurn())).toBe(fixture.demoUserText);
  });

  it('emits the turn already on the page once it has settled, exactly once', async () => {
    startWatcher();
    expect(emitted).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted.map((e) => e.turn.messageId)).toEqual([existing]);
    const [first] = emitted;
    expect(first?.turn).toMatchObject({
      site: adapter.site,
      conversationId: 'fixture-1',
      turnIndex: 0,
      role: 'assistant',
    });
    expect(first?.key).toBe(`${adapter.site}|fixture-1|${existing}`);
    expect(first?.turn.model).toBe(model);
    expect(first && 'model' in first.turn).toBe(model !== undefined);
    expect(first?.turn.previousUserText?.startsWith(MEAL_PLAN_QUESTION)).toBe(true);
    watcher?.scanNow();
    await vi.advanceTimersByTimeAsync(5000);
    expect(emitted).toHaveLength(1);
  });

  it('waits for a streamed reply to finish and emits its complete text once', async () => {
    startWatcher();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted).toHaveLength(1);
    // Pauses between chunks longer than the settle time: only the streaming marker can hold the turn back.
    const intervalMs = adapter.settleMs + 700;
    const done = fixture.streamReply(undefined, { chunks: 4, intervalMs });
    let waited = 0;
    while (fixture.isStreaming()) {
      await vi.advanceTimersByTimeAsync(250);
      waited += 250;
      expect(emitted).toHaveLength(1);
    }
    expect(waited).toBeGreaterThanOrEqual(4 * intervalMs);
    const { messageId } = await done;
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted).toHaveLength(2);
    const reply = emitted[1]?.turn;
    expect(reply?.messageId).toBe(messageId);
    expect(reply?.turnIndex).toBe(1);
    expect(reply?.text).toBe(paragraphsOf(fixture.demoReply));
    expect(reply?.previousUserText).toBe(fixture.demoUserText);
    expect(reply?.model).toBe(model);
    await vi.advanceTimersByTimeAsync(5000);
    expect(emitted).toHaveLength(2);
  });

  it('does not emit again when the site re-renders its turns', async () => {
    startWatcher();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted).toHaveLength(1);
    const before = lastTurn();
    fixture.rerender();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    fixture.rerender();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted).toHaveLength(1);
    const after = lastTurn();
    expect(after).not.toBe(before);
    // The new element is reported as a known turn, so its mark can move there.
    expect(known.some((k) => k.element === after && k.key === emitted[0]?.key)).toBe(true);
  });

  it('follows a navigation to another conversation without a reload', async () => {
    startWatcher();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    const { messageId } = fixture.navigate('fixture-2');
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted.map((e) => [e.turn.conversationId, e.turn.messageId])).toEqual([
      ['fixture-1', existing],
      ['fixture-2', messageId],
    ]);
    expect(emitted[1]?.turn.text).toBe(paragraphsOf(fixture.navigationReply));
  });

  it('keeps one report per reply when an unsaved chat gets its conversation id', async () => {
    const draftUrl = new URL(url);
    draftUrl.pathname = '/';
    history.replaceState({}, '', draftUrl.href);
    expect(adapter.conversationId(draftUrl)).toBeNull();
    startWatcher();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]?.turn.conversationId).toMatch(/^draft-/);
    history.replaceState({}, '', url);
    watcher?.poke();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted).toHaveLength(1);
  });

  it('stops watching when stopped', async () => {
    startWatcher().stop();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 1000);
    expect(emitted).toHaveLength(0);
  });
});

describe('the turn watcher on a long conversation reopened', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports every earlier turn once, spread over several scans', async () => {
    vi.useFakeTimers();
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      'https://chatgpt.com/c/long',
    );
    const rows: string[] = [];
    for (let i = 0; i < 30; i++) {
      rows.push(
        `<div data-message-author-role="user" data-message-id="u${i}"><div class="user-message-bubble-color">Question ${i}</div></div>`,
        `<div data-message-author-role="assistant" data-message-id="a${i}"><div class="markdown"><p>Answer ${i}</p></div></div>`,
      );
    }
    document.body.innerHTML = `<main>${rows.join('')}</main>`;
    const adapter = adapterFor('https://chatgpt.com/c/long');
    const seen: ChatTurn[] = [];
    let scansWithEmits = 0;
    const watcher = createTurnWatcher({
      adapter,
      document,
      onTurn: (turn) => {
        if (seen.length === 0 || seen.at(-1)?.time !== turn.time) scansWithEmits++;
        seen.push(turn);
      },
    });
    watcher.start();
    await vi.advanceTimersByTimeAsync(adapter.settleMs + 5000);
    watcher.stop();
    expect(seen.map((t) => [t.messageId, t.turnIndex, t.text, t.previousUserText])).toEqual(
      Array.from({ length: 30 }, (_, i) => [`a${i}`, i, `Answer ${i}`, `Question ${i}`]),
    );
    expect(scansWithEmits).toBeGreaterThan(1);
  });
});
