using System.Text;
using DistillGuard.Gateway.Proxy;

namespace DistillGuard.Gateway.Tests;

/// <summary>What the gateway reads from a request body, read once with a forward-only reader.</summary>
public sealed class RequestFactsTests
{
    private static RequestFacts Parse(ApiKind api, string json) => RequestFacts.Parse(api, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Chat_ModelStreamAndTheFirstUserTurn_WhateverTheOrderOfProperties()
    {
        var f = Parse(ApiKind.ChatCompletions, """
            {"messages":[{"role":"system","content":"Be brief."},{"content":"What is a buffer?","role":"user"},{"role":"user","content":"later"}],
             "stream":true,"model":"gpt-x","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}
            """);
        Assert.True(f.IsObject);
        Assert.Equal("gpt-x", f.Model);
        Assert.True(f.Stream);
        Assert.Equal(RequestFacts.ConversationKey("What is a buffer?"), f.Conversation);
        Assert.Empty(f.PresentedArtifacts);
    }

    [Fact]
    public void ContentParts_TheirTextsJoinedByNewlines_OtherPartsSkipped()
    {
        var f = Parse(ApiKind.ChatCompletions, """
            {"model":"m","stream":false,"messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"image_url","image_url":{"url":"x"}},{"text":"two","type":"text"}]}]}
            """);
        Assert.False(f.Stream);
        Assert.Equal(RequestFacts.ConversationKey("one\ntwo"), f.Conversation);
    }

    [Fact]
    public void Anthropic_AssistantThinkingSignaturesAndRedactedData_ArePresented_InAnyPropertyOrder()
    {
        var f = Parse(ApiKind.AnthropicMessages, """
            {"model":"claude-x","max_tokens":64,"messages":[
              {"role":"user","content":"Prove it."},
              {"role":"assistant","content":[{"signature":"sig-1","thinking":"...","type":"thinking"},{"type":"redacted_thinking","data":"red-1"},{"type":"text","text":"ok","signature":"not-this"}]},
              {"content":[{"type":"thinking","thinking":"...","signature":"sig-2"}],"role":"assistant"},
              {"role":"user","content":[{"type":"thinking","signature":"user-turns-do-not-count"}]}]}
            """);
        Assert.Equal(["sig-1", "red-1", "sig-2"], f.PresentedArtifacts);
        Assert.Equal(RequestFacts.ConversationKey("Prove it."), f.Conversation);
    }

    [Fact]
    public void Responses_ConversationIdWins_InputReasoningItemsArePresented()
    {
        var f = Parse(ApiKind.Responses, """
            {"model":"o-x","conversation":{"id":"conv_9"},"input":[{"type":"reasoning","encrypted_content":"enc-1","summary":[]},
             {"role":"user","content":[{"type":"input_text","text":"hi"}]},{"encrypted_content":"enc-2","type":"reasoning"}]}
            """);
        Assert.Equal(["enc-1", "enc-2"], f.PresentedArtifacts);
        Assert.Equal("conv_9", f.Conversation);
        Assert.Equal(RequestFacts.ConversationKey("hi"), Parse(ApiKind.Responses, """{"input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]}]}""").Conversation);
        Assert.Equal(RequestFacts.ConversationKey("plain"), Parse(ApiKind.Responses, """{"input":"plain","conversation":null}""").Conversation);
        Assert.Equal("conv_s", Parse(ApiKind.Responses, """{"input":"plain","conversation":"conv_s"}""").Conversation);
        // a chat body's messages mean nothing to the Responses API, and the reverse
        Assert.Equal("", Parse(ApiKind.Responses, """{"messages":[{"role":"user","content":"x"}]}""").Conversation);
        Assert.Equal("", Parse(ApiKind.ChatCompletions, """{"input":"x"}""").Conversation);
    }

    [Fact]
    public void EscapedNames_AreRead_AndValuesOfOtherKindsAreIgnored()
    {
        var f = Parse(ApiKind.ChatCompletions, """{"mod\u0065l":"gpt-\u0078","stream":"yes","messages":[{"role":"user","content":{"odd":true}},{"role":"user","content":"second"}]}""");
        Assert.Equal("gpt-x", f.Model);
        Assert.False(f.Stream);
        Assert.Equal(RequestFacts.ConversationKey("second"), f.Conversation);   // the first user turn with text
        Assert.Null(Parse(ApiKind.ChatCompletions, """{"model":42,"messages":"x"}""").Model);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"model\":\"m\"} trailing")]
    [InlineData("{\"model\":\"m\",}")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}")]
    [InlineData("{\"model\":\"m\",\"x\":[1,2,}")]
    public void NotAJsonObject_IsNotAnObject(string body)
    {
        var f = Parse(ApiKind.ChatCompletions, body);
        Assert.False(f.IsObject);
        Assert.Null(f.Model);
        Assert.Empty(f.PresentedArtifacts);
    }

    [Fact]
    public void DeepNesting_UpTo256_IsRead_Deeper_IsNotAnObject()
    {
        string Nested(int depth) => "{\"model\":\"m\",\"x\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
        Assert.True(Parse(ApiKind.ChatCompletions, Nested(255)).IsObject);
        Assert.False(Parse(ApiKind.ChatCompletions, Nested(300)).IsObject);
    }
}
