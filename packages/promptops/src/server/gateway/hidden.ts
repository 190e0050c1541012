/**
 * Left out of the REST API's OpenAPI document (@fastify/swagger reads `hide`): /v1 is OpenAI's API,
 * described by OpenAI's own specification, with OpenAI's error shape rather than the /api envelope.
 */
export const HIDDEN = { hide: true } as const;
