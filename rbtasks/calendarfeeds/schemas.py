"""API shape of a user's calendar feeds."""
from typing import Literal

from pydantic import BaseModel, Field


class FeedLinkOut(BaseModel):
    kind: Literal["mine", "pokja", "agency"]
    id: int | None = Field(description="The pokja's or agency's id; null for mine")
    name: str = Field(description="The pokja's or agency's name; empty for mine")
    url: str
    webcal: str = Field(description="The same address as webcal://, for apps that "
                                    "subscribe when it is opened")


class CalendarFeedOut(BaseModel):
    url: str = Field(description="The user's own items (iCalendar): the feed to subscribe to")
    feeds: list[FeedLinkOut] = Field(description="Every feed the user may subscribe to: "
                                                 "their own items, then pokja, then agencies")

    @classmethod
    def dump(cls, links):
        return cls(url=links[0]["url"], feeds=links).model_dump(mode="json")
