// Posts a picture (a power map) in the conversation it was asked from, with files.uploadV2, which
// needs the files:write scope. Where o2o may not post, the caller tells the user why instead.
import { ErrorCode, type WebClient } from '@slack/web-api';

import type { ReplyFile } from '../app/commands/index.js';
import type { Reply } from '../app/reply.js';
import type { Translate } from '../i18n/index.js';
import { escapeMrkdwn, truncate } from './render/mrkdwn.js';
import type { RequestScope } from './session.js';

export type PictureOutcome = { posted: true } | { posted: false; reasonKey: string };

// Slack error codes that mean o2o may not post in that conversation, and the sentence for each.
// A private channel or a direct message o2o is not part of reads as channel_not_found.
const CANNOT_POST: Record<string, string> = {
  not_in_channel: 'slack.picture.notInChannel',
  channel_not_found: 'slack.picture.notInChannel',
  is_archived: 'slack.picture.archived',
  missing_scope: 'slack.picture.missingScope',
  restricted_action: 'slack.picture.restricted',
  not_allowed_token_type: 'slack.picture.missingScope',
};

// Slack shows at most 250 characters of a file title.
const MAX_TITLE = 250;

/** Uploads the picture into a channel; returns why not when Slack refuses it for that channel. */
export async function postPicture(client: WebClient, channelId: string, file: ReplyFile, comment: string): Promise<PictureOutcome> {
  try {
    await client.filesUploadV2({
      channel_id: channelId,
      file: file.data,
      filename: file.name,
      title: truncate(file.alt, MAX_TITLE),
      alt_text: file.alt,
      initial_comment: comment,
    });
    return { posted: true };
  } catch (error) {
    const coded = error as { code?: string; data?: { error?: string } };
    const reasonKey = coded.code === ErrorCode.PlatformError ? CANNOT_POST[coded.data?.error ?? ''] : undefined;
    if (reasonKey) return { posted: false, reasonKey };
    throw error;
  }
}

/**
 * Posts a picture in the channel for everyone, with its caption and who asked for it. Returns
 * null once posted, else the reply that tells the user why not and describes the picture.
 */
export async function sharePicture(scope: RequestScope, channelId: string | undefined, caption: Reply, file: ReplyFile, t: Translate): Promise<Reply | null> {
  if (!channelId) return pictureNotPostedReply('slack.picture.noChannel', caption, file, t);
  const comment = `${escapeMrkdwn(caption.text)}\n${t('slack.message.sharedBy', { user: `<@${scope.userId}>` })}`;
  const outcome = await postPicture(scope.client, channelId, file, comment);
  return outcome.posted ? null : pictureNotPostedReply(outcome.reasonKey, caption, file, t);
}

/** Builds the reply of a picture that could not be posted: the reason, then the picture in words. */
export function pictureNotPostedReply(reasonKey: string, caption: Reply, file: ReplyFile, t: Translate): Reply {
  const reason = t(reasonKey);
  return { text: reason, blocks: [{ type: 'text', text: reason }, { type: 'text', text: file.alt }, { type: 'context', text: caption.text }] };
}
