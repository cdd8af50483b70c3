"""The peer: python-telegram-bot's documented custom-webhook bot, with an in-memory conversation.

`python -m bench.peer PORT API_BASE SECRET` runs the pattern of python-telegram-bot's
"custom webhook bot" example (Starlette): an Application built with `.updater(None)`, a
Starlette app on uvicorn whose webhook route checks the secret token header and does
`await application.update_queue.put(Update.de_json(data, application.bot))`, and the
Application's own update processing (its defaults: one update at a time) with a
ConversationHandler that asks three questions, its state in memory. Every message gets exactly
one reply, sent with `bot.send_message` to the Bot API at API_BASE (the fake, on loopback).

uvicorn runs with its defaults, as `quitbot serve` and the ceiling do; `log_level="warning"`
(no line a request), as they do.
"""

from __future__ import annotations

import asyncio
import hmac
import sys
from collections.abc import Callable, Coroutine
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import (
    Application,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from tests.fakes.telegram_fake import TOKEN

AGE, SMOKES, QUIT_DATE = range(3)


Step = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, int]]


def step(keep: str | None, question: str, then: int) -> Step:
    """A conversation step: keep the answer (as `keep`, in memory), ask the next question."""

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        if keep is not None and update.message is not None and context.user_data is not None:
            context.user_data[keep] = update.message.text
        assert update.effective_chat is not None
        await context.bot.send_message(chat_id=update.effective_chat.id, text=question)
        return then

    return answer


async def main(port: int, api_base: str, secret: str) -> None:
    application = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{api_base}/bot")
        .base_file_url(f"{api_base}/file/bot")
        .updater(None)
        .build()
    )
    text = filters.TEXT & ~filters.COMMAND
    application.add_handler(
        ConversationHandler(
            entry_points=[
                MessageHandler(text, step(None, "Hi, this is the peer bot. How old are you?", AGE))
            ],
            states={
                AGE: [MessageHandler(text, step("age", "Do you smoke? Reply YES or NO", SMOKES))],
                SMOKES: [
                    MessageHandler(text, step("smokes", "When would you like to stop?", QUIT_DATE))
                ],
                QUIT_DATE: [
                    MessageHandler(
                        text,
                        step("quit_date", "Got it. Text me any time.", ConversationHandler.END),
                    )
                ],
            },
            fallbacks=[],
        )
    )
    await application.bot.set_webhook(url=f"http://127.0.0.1:{port}/telegram", secret_token=secret)
    expected = secret.encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get("x-telegram-bot-api-secret-token", "").encode()
        if not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        await application.update_queue.put(
            Update.de_json(data=await request.json(), bot=application.bot)
        )
        return Response()

    webserver = uvicorn.Server(
        config=uvicorn.Config(
            app=Starlette(routes=[Route("/telegram", telegram, methods=["POST"])]),
            port=port,
            use_colors=False,
            host="127.0.0.1",
            log_level="warning",
        )
    )
    async with application:
        await application.start()
        await webserver.serve()
        await application.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3]))
